// The demo business, simulated: purchasing, receiving, selling, fulfilling,
// returns, damage, transfers and counts over the last N days. Every decision is
// taken against the ledger mirror, so each event it posts fits the stock it finds.
import { atpInputAt, atpToday } from "../../lib/domain/atp.ts";
import { PHYSICAL_STATES } from "../../lib/domain/states.ts";
import { Agenda, DAY, HOUR, MINUTE, dateAhead, duringShift, inShift, isWorkday, startOfDay, weekday } from "./calendar.ts";
import {
  EAST, FENCES, LOCATIONS, PEOPLE, SKU_PLANS, STAGING, STORE, SUPPLIERS, WEST, crewAt, otherWarehouse,
  type Loc, type Person, type SkuPlan, type SupplierKey,
} from "./cast.ts";
import type { Db } from "../../lib/server/sql.ts";
import type { Ledger, RawInput } from "./ledger.ts";
import { Random } from "./random.ts";

export type PolicyRow = { sku: string; location: Loc; safetyStock: number; inspectionLeadDays: number; writeOffValue: string; countVarianceUnits: number };
export type FenceRow = { sku: string; location: Loc; channel: string; qty: number };

type Policy = { safetyStock: number; fences: Record<string, number> };
type Fob = "shipping_point" | "destination";

type PoLine = { sku: string; qty: number; unitCost: string };
type Po = { ref: string; supplier: SupplierKey; location: Loc; fob: Fob; eta: number; lines: PoLine[]; opening: boolean; buyer: Person };

type ChannelPlan = {
  key: string;
  channel: "web" | "marketplace" | "wholesale";
  perDay: number;
  weekdaysOnly: boolean;
  hours: [number, number];
  lines: [number, number];
  qty: [number, number];
  fobDestination: number;
  sites: [Loc, number][];
  eligible: (sku: SkuPlan) => boolean;
  clerk: Person;
  prefix: string;
  returns: number;
  /** Hours between order and pick. */
  pickAfter: [number, number];
};

type OrderLine = { ref: string; sku: string; location: Loc; channel: string; plan: ChannelPlan; fob: Fob };

const CHANNEL_PLANS: ChannelPlan[] = [
  {
    key: "web", channel: "web", perDay: 1.35, weekdaysOnly: false, hours: [12, 24], lines: [1, 2], qty: [1, 2], fobDestination: 0.3,
    sites: [[EAST, 0.6], [WEST, 0.4]], eligible: () => true, clerk: PEOPLE.sara, prefix: "WEB-", returns: 0.1, pickAfter: [2, 20],
  },
  {
    key: "marketplace", channel: "marketplace", perDay: 0.85, weekdaysOnly: false, hours: [12, 24], lines: [1, 1], qty: [1, 3], fobDestination: 0.5,
    sites: [[EAST, 0.55], [WEST, 0.45]], eligible: () => true, clerk: PEOPLE.sara, prefix: "MKT-", returns: 0.08, pickAfter: [2, 20],
  },
  {
    key: "wholesale", channel: "wholesale", perDay: 0.3, weekdaysOnly: true, hours: [13, 22], lines: [2, 3], qty: [4, 10], fobDestination: 1,
    sites: [[EAST, 1]], eligible: (sku) => sku.wholesale, clerk: PEOPLE.sol, prefix: "WS-", returns: 0.03, pickAfter: [20, 60],
  },
  {
    key: "store", channel: "web", perDay: 0.5, weekdaysOnly: false, hours: [14, 23], lines: [1, 1], qty: [1, 2], fobDestination: 0,
    sites: [[STORE, 1]], eligible: (sku) => sku.store, clerk: PEOPLE.sara, prefix: "SOHO-", returns: 0.05, pickAfter: [1, 6],
  },
];

const DAMAGE_REASONS = ["Forklift damage during put-away", "Crushed carton found on the shelf", "Water damage from a roof leak", "Dropped while restocking", "Scratched finish found on the shelf"];
const RETURN_REASONS = ["Changed mind", "Arrived damaged", "Wrong colour", "Not as described", "Too large for the room"];

const key = (sku: string, location: string) => `${sku}|${location}`;
const money = (value: number) => value.toFixed(2);
const roundUp = (value: number, step: number) => Math.max(step, Math.ceil(value / step) * step);

export type HistoryReport = {
  orders: number;
  lostLines: number;
  purchaseOrders: number;
  transfers: number;
  warnings: string[];
};

export class Business {
  readonly agenda = new Agenda();
  readonly policies: PolicyRow[] = [];
  readonly fences: FenceRow[] = [];
  readonly report: HistoryReport = { orders: 0, lostLines: 0, purchaseOrders: 0, transfers: 0, warnings: [] };

  private readonly rng: Random;
  private readonly plans = new Map(SKU_PLANS.map((plan) => [plan.code, plan]));
  private readonly policy = new Map<string, Policy>();
  private readonly demand = new Map<string, number>();
  private readonly reorder = new Map<string, { point: number; upTo: number }>();
  /** DAMAGED units already asked to be written off (pending) or kept for refurbishment (rejected). */
  private readonly damagedClaimed = new Map<string, number>();
  /** QUALITY_HOLD units with a release request pending. */
  private readonly holdClaimed = new Map<string, number>();
  private readonly numbers = new Map<string, number>();
  private readonly purchaseOrders: Po[] = [];
  private readonly orderLines: OrderLine[] = [];
  private readonly start: number;
  private readonly end: number;
  /** Requests someone will decide later in the story; the rest stay pending when the demo starts. */
  private readonly decisionScheduled = new Set<string>();
  private readonly rejectWriteoffAfter: number;
  private rejectedWriteoff = false;

  constructor(
    private readonly ledger: Ledger,
    options: { days: number; seed: number },
  ) {
    this.rng = new Random(options.seed);
    this.end = ledger.now.getTime();
    this.start = startOfDay(this.end) - options.days * DAY;
    this.rejectWriteoffAfter = this.start + Math.round(options.days * 0.4) * DAY;
    this.planPolicies();
    this.planDemand();
  }

  // ---------------------------------------------------------------- set-up

  private planPolicies() {
    const rng = this.rng.fork(1);
    for (const sku of SKU_PLANS) {
      for (const location of LOCATIONS) {
        const safetyStock = location === EAST ? rng.int(4, 10) : location === WEST ? rng.int(2, 6) : 2;
        const fences: Record<string, number> = {};
        if (location === EAST && sku.fenced) {
          for (const [channel, qty] of Object.entries(FENCES)) {
            fences[channel] = qty;
            this.fences.push({ sku: sku.code, location, channel, qty });
          }
        }
        this.policy.set(key(sku.code, location), { safetyStock, fences });
        this.policies.push({
          sku: sku.code, location, safetyStock, inspectionLeadDays: location === STORE ? 1 : rng.int(1, 3), writeOffValue: "250.00", countVarianceUnits: 2,
        });
      }
    }
  }

  /** Expected units a day per SKU and location, from the channel plans; sets reorder points. */
  private planDemand() {
    for (const channel of CHANNEL_PLANS) {
      const eligible = SKU_PLANS.filter(channel.eligible);
      const totalWeight = eligible.reduce((sum, sku) => sum + sku.weight, 0);
      const perDay = channel.perDay * (channel.weekdaysOnly ? 5 / 7 : 1) * 1.1;
      const units = perDay * ((channel.lines[0] + channel.lines[1]) / 2) * ((channel.qty[0] + channel.qty[1]) / 2);
      for (const sku of eligible) {
        for (const [location, share] of channel.sites) {
          const k = key(sku.code, location);
          this.demand.set(k, (this.demand.get(k) ?? 0) + (units * share * sku.weight) / totalWeight);
        }
      }
    }
    for (const sku of SKU_PLANS) {
      const dEast = this.demandAt(sku.code, EAST);
      const dWest = this.demandAt(sku.code, WEST);
      const dStore = this.demandAt(sku.code, STORE);
      const east = this.policy.get(key(sku.code, EAST))!;
      const fenceTotal = Object.values(east.fences).reduce((a, b) => a + b, 0);
      const lead = (SUPPLIERS[sku.supplier].leadDays[0] + SUPPLIERS[sku.supplier].leadDays[1]) / 2 + 3;
      const eastFlow = dEast + (sku.westBy === "transfer" ? dWest : 0) + (sku.store ? dStore : 0);
      const eastPoint = east.safetyStock + fenceTotal + Math.ceil(eastFlow * lead) + 3;
      this.reorder.set(key(sku.code, EAST), { point: eastPoint, upTo: eastPoint + Math.max(10, Math.ceil(eastFlow * 21)) });
      const west = this.policy.get(key(sku.code, WEST))!;
      const westLead = sku.westBy === "po" ? lead : 8;
      const westPoint = west.safetyStock + Math.ceil(dWest * westLead) + 2;
      this.reorder.set(key(sku.code, WEST), { point: westPoint, upTo: westPoint + Math.max(6, Math.ceil(dWest * 18)) });
    }
  }

  private demandAt(sku: string, location: string): number {
    return this.demand.get(key(sku, location)) ?? 0;
  }

  private next(prefix: string, first: number, width = 4): string {
    const n = (this.numbers.get(prefix) ?? first) + 1;
    this.numbers.set(prefix, n);
    return `${prefix}${String(n).padStart(width, "0")}`;
  }

  private plan(sku: string): SkuPlan {
    const plan = this.plans.get(sku);
    if (!plan) throw new Error(`no plan for ${sku}`);
    return plan;
  }

  private post(actor: Person, raw: RawInput, at: number) {
    return this.ledger.post({ id: actor.id, role: actor.role }, raw, at);
  }

  private q(sku: string, location: string, state: Parameters<Ledger["qty"]>[1]["state"], extra: { bin?: string; doc?: string } = {}) {
    return this.ledger.qty(sku, { location, state, ...extra });
  }

  private atp(sku: string, location: Loc, channel: string): number {
    const policy = this.policy.get(key(sku, location))!;
    return atpToday(atpInputAt(this.ledger.rows(sku), location, policy), channel);
  }

  /** What the East warehouse can send away without starving its own orders. */
  private eastSpare(sku: string): number {
    const policy = this.policy.get(key(sku, EAST))!;
    const fences = Object.values(policy.fences).reduce((a, b) => a + b, 0);
    return this.q(sku, EAST, "AVAILABLE") - policy.safetyStock - fences - Math.ceil(this.demandAt(sku, EAST) * 6);
  }

  private trend(at: number): number {
    const progress = (at - this.start) / (this.end - this.start);
    const holidayRush = this.end - at < 6 * DAY ? 1.5 : 1;
    return (0.85 + 0.35 * progress) * holidayRush;
  }

  /** The costs a supplier quotes: around the catalogue's base cost, never more than ±10% away. */
  private quote(sku: SkuPlan, supplier: SupplierKey, rng: Random): string {
    const drift = SUPPLIERS[supplier].bias + rng.between(-0.035, 0.035);
    return money(sku.baseCost * (1 + Math.max(-0.1, Math.min(0.1, drift))));
  }

  // ---------------------------------------------------------------- schedule

  /** Puts the whole history on the agenda; run() then plays it up to now. */
  schedule() {
    this.agenda.at(this.start + 14 * HOUR, "opening stock", (at) => this.openingStock(at));
    for (let day = this.start; day <= startOfDay(this.end); day += DAY) {
      this.agenda.at(day, "day", (at) => this.planDay(at));
    }
    this.scriptedEvents();
  }

  private async planDay(day: number) {
    const rng = this.rng;
    const opening = day - this.start < 2 * DAY;
    if (!opening) {
      for (const channel of CHANNEL_PLANS) {
        if (channel.weekdaysOnly && (weekday(day) === 0 || weekday(day) === 6)) continue;
        const orders = rng.poisson(channel.perDay * this.trend(day));
        for (let i = 0; i < orders; i++) {
          const at = duringShift(day, rng, channel.hours[0], channel.hours[1]);
          this.agenda.at(at, "order", (t) => this.placeOrder(channel, t));
        }
      }
    }
    if (!isWorkday(day)) return;
    if (day - this.start >= 3 * DAY) {
      this.agenda.at(duringShift(day, rng, 14, 15), "reorder review", (t) => this.reviewReorders(t));
    }
    const dow = weekday(day);
    if (dow === 1 || dow === 4) this.agenda.at(duringShift(day, rng, 14, 16), "store replenishment", (t) => this.replenishStore(t));
    if (dow === 3 || (day - this.start < 7 * DAY && dow === 6)) this.agenda.at(duringShift(day, rng, 15, 17), "west rebalance", (t) => this.rebalanceWest(t));
    if (dow === 5) this.agenda.at(duringShift(day, rng, 19, 21), "write-off run", (t) => this.writeOffRun(t));
    if (day - this.start >= 7 * DAY) {
      if (dow === 1 || dow === 3 || dow === 5 || rng.chance(0.3)) this.agenda.at(duringShift(day, rng, 15, 21), "cycle count", (t) => this.cycleCount(EAST, t));
      if (dow === 2 || dow === 6) this.agenda.at(duringShift(day, rng, 15, 21), "cycle count", (t) => this.cycleCount(WEST, t));
      if (dow === 1) this.agenda.at(duringShift(day, rng, 15, 21), "cycle count", (t) => this.cycleCount(STORE, t));
      for (const [location, p] of [[EAST, 0.15], [WEST, 0.1], [STORE, 0.05]] as const) {
        if (rng.chance(p)) this.agenda.at(duringShift(day, rng), "damage", (t) => this.randomDamage(location, t));
      }
    }
  }

  // ---------------------------------------------------------------- purchasing

  private async openingStock(at: number) {
    const rng = this.rng.fork(2);
    const bySupplier = new Map<string, { supplier: SupplierKey; location: Loc; lines: PoLine[] }>();
    for (const sku of SKU_PLANS) {
      for (const location of [EAST, WEST] as const) {
        if (location === WEST && sku.westBy !== "po") continue;
        const { point, upTo } = this.reorder.get(key(sku.code, location))!;
        const target = Math.round((point + upTo) / 2);
        const k = `${sku.supplier}|${location}`;
        const group = bySupplier.get(k) ?? { supplier: sku.supplier, location, lines: [] };
        group.lines.push({ sku: sku.code, qty: roundUp(target + (location === EAST && sku.westBy === "transfer" ? target / 3 : 0), 5), unitCost: this.quote(sku, sku.supplier, rng) });
        bySupplier.set(k, group);
      }
    }
    let offset = 0;
    for (const group of bySupplier.values()) {
      const supplier = SUPPLIERS[group.supplier];
      await this.confirmPo(
        { ref: this.next("PO-", 4100), supplier: group.supplier, location: group.location, fob: supplier.fob, eta: dateAhead(at, rng.int(1, 4)), lines: group.lines, opening: true, buyer: PEOPLE.farah },
        at + offset,
      );
      offset += 5 * MINUTE;
    }
  }

  private async reviewReorders(at: number) {
    const rng = this.rng;
    const groups = new Map<string, { supplier: SupplierKey; location: Loc; lines: PoLine[] }>();
    for (const sku of SKU_PLANS) {
      for (const location of [EAST, WEST] as const) {
        if (location === WEST && sku.westBy !== "po") continue;
        const { point, upTo } = this.reorder.get(key(sku.code, location))!;
        const position = (["AVAILABLE", "RECEIVING", "ON_ORDER", "INBOUND_TRANSIT", "TRANSFER_TRANSIT"] as const).reduce(
          (sum, state) => sum + this.q(sku.code, location, state),
          0,
        );
        if (position > point) continue;
        let supplier = sku.altSupplier && rng.chance(0.15) ? sku.altSupplier : sku.supplier;
        if (location === WEST && !SUPPLIERS[supplier].servesWest) supplier = sku.supplier;
        const k = `${supplier}|${location}`;
        const group = groups.get(k) ?? { supplier, location, lines: [] };
        group.lines.push({ sku: sku.code, qty: roundUp(upTo - position, 5), unitCost: this.quote(sku, supplier, rng) });
        groups.set(k, group);
      }
    }
    let offset = 0;
    for (const group of groups.values()) {
      const supplier = SUPPLIERS[group.supplier];
      const buyer = weekday(at) === 6 ? PEOPLE.felix : PEOPLE.farah;
      await this.confirmPo(
        { ref: this.next("PO-", 4100), supplier: group.supplier, location: group.location, fob: supplier.fob, eta: dateAhead(at, rng.int(...supplier.leadDays)), lines: group.lines, opening: false, buyer },
        at + offset,
      );
      offset += 4 * MINUTE;
    }
  }

  private async confirmPo(po: Po, at: number) {
    const supplier = SUPPLIERS[po.supplier];
    this.report.purchaseOrders += 1;
    this.purchaseOrders.push(po);
    for (const [i, line] of po.lines.entries()) {
      await this.post(po.buyer, {
        type: "po.confirm", sku: line.sku, qty: line.qty, location: po.location, reference: po.ref, unitCost: line.unitCost,
        eta: new Date(po.eta).toISOString(), fob: po.fob, supplier: supplier.name,
      }, at + i * 40_000);
    }
    const rng = this.rng;
    if (po.fob === "shipping_point" || rng.chance(0.3)) {
      const transit = po.fob === "shipping_point" ? rng.int(...supplier.transitDays) : rng.int(1, 2);
      const asnAt = po.opening ? at + 2 * HOUR : inShift(Math.max(at + DAY, po.eta - transit * DAY), rng);
      this.agenda.at(asnAt, "ASN", (t) => this.supplierShipped(po, t));
    } else {
      this.agenda.at(this.receiptTime(po.eta), "receipt", (t) => this.receivePo(po, po.lines.map((line) => line.sku), t));
    }
  }

  private receiptTime(eta: number): number {
    return inShift(eta - 6 * HOUR + this.rng.int(0, 30) * HOUR, this.rng);
  }

  private async supplierShipped(po: Po, at: number) {
    const delayed = !po.opening && this.rng.chance(0.15);
    if (delayed) po.eta += this.rng.int(2, 4) * DAY;
    for (const [i, line] of po.lines.entries()) {
      const open = this.q(line.sku, po.location, "ON_ORDER", { doc: po.ref });
      if (open <= 0) continue;
      await this.post(po.buyer, {
        type: "po.ship", sku: line.sku, qty: open, location: po.location, reference: po.ref,
        ...(delayed ? { eta: new Date(po.eta).toISOString(), reason: "Supplier ASN: sailing delayed" } : {}),
      }, at + i * 30_000);
    }
    this.agenda.at(this.receiptTime(po.eta), "receipt", (t) => this.receivePo(po, po.lines.map((line) => line.sku), t));
  }

  private async receivePo(po: Po, skus: string[], at: number, inspectNotBefore = 0) {
    const rng = this.rng;
    const receiver = crewAt(po.location);
    const later: string[] = [];
    const invoiceAt = inShift(at + rng.int(4, 16) * DAY, rng);
    const invoiced: { sku: string; qty: number }[] = [];
    for (const [i, sku] of skus.entries()) {
      const outstanding = this.q(sku, po.location, "ON_ORDER", { doc: po.ref }) + this.q(sku, po.location, "INBOUND_TRANSIT", { doc: po.ref });
      if (outstanding <= 0) continue;
      let qty = outstanding;
      if (!po.opening && outstanding >= 5 && rng.chance(0.08)) {
        qty = Math.ceil(outstanding * rng.between(0.6, 0.8));
        later.push(sku);
      }
      const bin = this.plan(sku).homeBin[po.location];
      const t = at + i * 90_000;
      const result = await this.post(receiver, { type: "receive", sku, qty, location: po.location, reference: po.ref, bin }, t);
      if (!result) continue;
      invoiced.push({ sku, qty });
      this.agenda.at(inShift(Math.max(t + rng.int(2, 26) * HOUR, inspectNotBefore), rng), "inspection", (tt) => this.inspect(sku, po.location, bin, qty, po.supplier, tt));
    }
    if (later.length) this.agenda.at(inShift(at + rng.int(2, 5) * DAY, rng), "receipt", (t) => this.receivePo(po, later, t));
    if (invoiced.length) this.agenda.at(invoiceAt, "invoice", (t) => this.matchInvoice(po, invoiced, t));
  }

  private async inspect(sku: string, location: Loc, bin: string, qty: number, supplier: SupplierKey, at: number) {
    const rng = this.rng;
    const waiting = this.q(sku, location, "RECEIVING", { bin });
    qty = Math.min(qty, waiting);
    if (qty <= 0) return;
    const inspector = crewAt(location);
    const roll = rng.next();
    let rejected = 0;
    let held = 0;
    if (roll < 0.07) rejected = Math.min(qty, rng.int(1, Math.max(1, Math.round(qty * 0.15))));
    else if (roll < 0.11) held = Math.min(qty, rng.int(1, 3));
    if (qty - rejected - held > 0) {
      await this.post(inspector, { type: "inspect", sku, qty: qty - rejected - held, location, bin, result: "pass" }, at);
    }
    if (rejected) {
      await this.post(inspector, { type: "inspect", sku, qty: rejected, location, bin, result: "reject", reason: rng.pick(["Cracked frame", "Wrong finish supplied", "Missing hardware", "Torn packaging, product scuffed"]) }, at + MINUTE);
      this.agenda.at(inShift(at + rng.int(2, 6) * DAY, rng), "vendor return", (t) => this.returnToVendor(sku, location, bin, supplier, t));
    }
    if (held) {
      await this.post(inspector, { type: "inspect", sku, qty: held, location, bin, result: "hold", reason: rng.pick(["Colour mismatch against the sample", "Possible finish defect: supplier asked", "Labels do not match the PO"]) }, at + 2 * MINUTE);
      this.agenda.at(inShift(at + rng.int(2, 6) * DAY, rng), "hold release", (t) => this.requestHoldRelease(sku, location, bin, t));
    }
  }

  private async returnToVendor(sku: string, location: Loc, bin: string, supplier: SupplierKey, at: number) {
    const qty = this.q(sku, location, "REJECTED", { bin });
    if (qty <= 0) return;
    await this.post(crewAt(location), { type: "vendor.return", sku, qty, location, bin, reason: `Returned to ${SUPPLIERS[supplier].name} for credit` }, at);
  }

  private async matchInvoice(po: Po, lines: { sku: string; qty: number }[], at: number) {
    const rng = this.rng;
    const costs = new Map(po.lines.map((line) => [line.sku, line.unitCost]));
    for (const [i, line] of lines.entries()) {
      const poCost = Number(costs.get(line.sku));
      const unitCost = rng.chance(0.2) ? money(poCost * (1 + rng.pick([-1, 1]) * rng.between(0.005, 0.03))) : money(poCost);
      await this.post(PEOPLE.farah, { type: "invoice.match", sku: line.sku, qty: line.qty, location: po.location, reference: po.ref, unitCost, reason: `Invoice ${po.ref.replace("PO-", "INV-")}` }, at + i * 20_000);
    }
  }

  // ---------------------------------------------------------------- quality holds

  private async requestHoldRelease(sku: string, location: Loc, bin: string, at: number, decide = true) {
    const k = key(sku, location);
    const free = this.q(sku, location, "QUALITY_HOLD", { bin }) - (this.holdClaimed.get(k) ?? 0);
    if (free <= 0) return;
    const requester = crewAt(location);
    const result = await this.post(requester, { type: "hold.release", sku, qty: free, location, bin, reason: "Supplier confirmed the batch is within spec" }, at);
    if (result?.kind !== "approval") return;
    this.holdClaimed.set(k, (this.holdClaimed.get(k) ?? 0) + free);
    const id = result.approval.id;
    if (!decide) return;
    this.decisionScheduled.add(id);
    this.agenda.at(inShift(at + this.rng.int(18, 50) * HOUR, this.rng), "hold decision", async () => {
      await this.ledger.approve(otherWarehouse(requester), id, "Checked against the sample: release");
      this.holdClaimed.set(k, (this.holdClaimed.get(k) ?? 0) - free);
    });
  }

  // ---------------------------------------------------------------- sales and fulfilment

  private async placeOrder(channel: ChannelPlan, at: number) {
    const rng = this.rng;
    const eligible = SKU_PLANS.filter(channel.eligible);
    const lineCount = rng.int(...channel.lines);
    const chosen = new Set<string>();
    for (let i = 0; i < lineCount * 3 && chosen.size < lineCount; i++) chosen.add(rng.weighted(eligible.map((sku) => [sku.code, sku.weight] as const)));
    const order = this.next(channel.prefix, channel.key === "wholesale" ? 2040 : channel.key === "store" ? 880 : channel.key === "web" ? 20410 : 70030, channel.key === "wholesale" || channel.key === "store" ? 4 : 5);
    const fob: Fob = rng.chance(channel.fobDestination) ? "destination" : "shipping_point";
    const pickAt = inShift(at + rng.between(...channel.pickAfter) * HOUR, rng);
    const cancel = channel.key !== "wholesale" && rng.chance(0.05);
    let n = 0;
    for (const sku of chosen) {
      const wanted = rng.int(...channel.qty);
      const first = rng.weighted(channel.sites);
      const sites = [first, ...channel.sites.map(([site]) => site).filter((site) => site !== first)];
      let placed = false;
      for (const location of sites) {
        const qty = Math.min(wanted, this.atp(sku, location, channel.channel));
        if (qty < 1) continue;
        n += 1;
        const line: OrderLine = { ref: `${order}-${n}`, sku, location, channel: channel.channel, plan: channel, fob };
        const result = await this.post(channel.clerk, { type: "reserve", sku, qty, location, channel: channel.channel, orderLine: line.ref }, at + n * 20_000);
        if (!result) break;
        placed = true;
        this.orderLines.push(line);
        if (cancel) {
          const releaseAt = at + rng.between(0.3, Math.max(0.5, (pickAt - at) / HOUR - 0.5)) * HOUR;
          this.agenda.at(releaseAt, "release", (t) => this.release(line, t));
        }
        this.agenda.at(pickAt + n * MINUTE, "pick", (t) => this.pick(line, t));
        break;
      }
      if (!placed) this.report.lostLines += 1;
    }
    if (n) this.report.orders += 1;
  }

  private async release(line: OrderLine, at: number) {
    const reserved = this.q(line.sku, line.location, "RESERVED", { doc: line.ref });
    if (reserved <= 0) return;
    const partial = reserved >= 2 && this.rng.chance(0.4);
    await this.post(line.plan.clerk, {
      type: "release", sku: line.sku, qty: partial ? 1 : reserved, location: line.location, orderLine: line.ref, channel: line.channel,
      reason: partial ? "Customer reduced the quantity" : "Customer cancelled the order",
    }, at);
  }

  private async pick(line: OrderLine, at: number) {
    const qty = this.q(line.sku, line.location, "RESERVED", { doc: line.ref });
    if (qty <= 0) return;
    const staging = STAGING[line.location];
    await this.post(crewAt(line.location), { type: "pick", sku: line.sku, qty, location: line.location, orderLine: line.ref, ...(staging ? { toBin: staging } : {}) }, at);
    this.agenda.at(inShift(at + this.rng.int(15, 120) * MINUTE, this.rng), "pack", (t) => this.pack(line, t));
  }

  /** Picks without scheduling the packing: the end of the story leaves it for tomorrow. */
  private async pickOnly(line: OrderLine, at: number) {
    const qty = this.q(line.sku, line.location, "RESERVED", { doc: line.ref });
    const staging = STAGING[line.location];
    await this.post(crewAt(line.location), { type: "pick", sku: line.sku, qty, location: line.location, orderLine: line.ref, ...(staging ? { toBin: staging } : {}) }, at);
  }

  private async pack(line: OrderLine, at: number) {
    const qty = this.q(line.sku, line.location, "PICKED", { doc: line.ref });
    if (qty <= 0) return;
    const packer = crewAt(line.location);
    await this.post(packer, { type: "pack", sku: line.sku, qty, location: line.location, orderLine: line.ref }, at);
    if (this.rng.chance(0.012)) {
      await this.post(packer, { type: "damage", sku: line.sku, qty: 1, location: line.location, fromState: "PACKED", orderLine: line.ref, reason: "Dropped while packing" }, at + 5 * MINUTE);
    }
    this.agenda.at(inShift(at + this.rng.int(30, 300) * MINUTE, this.rng), "ship", (t) => this.ship(line, t));
  }

  private async ship(line: OrderLine, at: number) {
    const qty = this.q(line.sku, line.location, "PACKED", { doc: line.ref });
    if (qty <= 0) return;
    await this.post(crewAt(line.location), { type: "ship", sku: line.sku, qty, location: line.location, orderLine: line.ref, fob: line.fob }, at);
    if (line.fob === "destination") {
      this.agenda.at(inShift(at + this.rng.int(2, 6) * DAY, this.rng), "deliver", (t) => this.deliver(line, t));
    } else {
      this.maybeReturn(line, qty, at);
    }
  }

  private async deliver(line: OrderLine, at: number) {
    const qty = this.q(line.sku, line.location, "OUTBOUND_TRANSIT", { doc: line.ref });
    if (qty <= 0) return;
    await this.post(crewAt(line.location), { type: "deliver", sku: line.sku, qty, location: line.location, orderLine: line.ref, reason: "Carrier proof of delivery" }, at);
    this.maybeReturn(line, qty, at);
  }

  private maybeReturn(line: OrderLine, shipped: number, at: number) {
    const rng = this.rng;
    if (!rng.chance(line.plan.returns)) return;
    const qty = shipped >= 4 && rng.chance(0.3) ? 2 : 1;
    const reason = rng.pick(RETURN_REASONS);
    this.agenda.at(inShift(at + rng.int(5, 18) * DAY, rng), "return", async (t) => {
      const rma = this.next("RMA-", 1200);
      const bin = this.plan(line.sku).homeBin[line.location];
      await this.post(crewAt(line.location), { type: "return.receive", sku: line.sku, qty, location: line.location, rma, orderLine: line.ref, bin, reason }, t);
      this.agenda.at(inShift(t + rng.int(16, 70) * HOUR, rng), "return inspection", async (tt) => {
        const damaged = reason === "Arrived damaged" || rng.chance(0.12);
        await this.post(crewAt(line.location), {
          type: "return.inspect", sku: line.sku, qty, location: line.location, rma, result: damaged ? "damaged" : "restock",
          ...(damaged ? { reason: "Not resaleable" } : {}),
        }, tt);
      });
    });
  }

  // ---------------------------------------------------------------- transfers

  private async replenishStore(at: number) {
    const lines: { sku: string; qty: number }[] = [];
    for (const sku of SKU_PLANS.filter((plan) => plan.store)) {
      const target = sku.family === "LAMP" ? 8 : 5;
      const have = this.q(sku.code, STORE, "AVAILABLE") + this.q(sku.code, STORE, "TRANSFER_TRANSIT");
      const send = Math.min(target - have, this.eastSpare(sku.code));
      if (target - have >= 2 && send >= 1) lines.push({ sku: sku.code, qty: send });
    }
    await this.transfer(STORE, lines, at, inShift(at + this.rng.int(18, 30) * HOUR, this.rng), false);
  }

  private async rebalanceWest(at: number) {
    const lines: { sku: string; qty: number }[] = [];
    for (const sku of SKU_PLANS) {
      const { point, upTo } = this.reorder.get(key(sku.code, WEST))!;
      const position = this.q(sku.code, WEST, "AVAILABLE") + this.q(sku.code, WEST, "RECEIVING") + this.q(sku.code, WEST, "TRANSFER_TRANSIT") +
        (sku.westBy === "po" ? this.q(sku.code, WEST, "ON_ORDER") + this.q(sku.code, WEST, "INBOUND_TRANSIT") : 0);
      // Imports normally reach the West directly; the East only helps out when the West runs dry.
      const threshold = sku.westBy === "transfer" ? point : Math.min(point, this.policy.get(key(sku.code, WEST))!.safetyStock + 1);
      if (position > threshold) continue;
      const send = Math.min(upTo - position, this.eastSpare(sku.code));
      if (send >= 3) lines.push({ sku: sku.code, qty: send });
    }
    const arrival = inShift(at + this.rng.int(3, 5) * DAY, this.rng);
    await this.transfer(WEST, lines, at, arrival, this.rng.chance(0.3));
  }

  private async transfer(to: Loc, lines: { sku: string; qty: number }[], at: number, arrival: number, viaReceiving: boolean) {
    if (!lines.length) return;
    const ref = this.next("TR-", 310);
    this.report.transfers += 1;
    const shipped: { sku: string; qty: number }[] = [];
    for (const [i, line] of lines.entries()) {
      const result = await this.post(PEOPLE.wes, { type: "transfer.ship", sku: line.sku, qty: line.qty, location: EAST, toLocation: to, transfer: ref }, at + i * 30_000);
      if (result) shipped.push(line);
    }
    this.agenda.at(arrival, "transfer receipt", async (t) => {
      for (const [i, line] of shipped.entries()) {
        const bin = this.plan(line.sku).homeBin[to];
        await this.post(PEOPLE.wren, { type: "transfer.receive", sku: line.sku, qty: line.qty, location: to, transfer: ref, bin, toState: viaReceiving ? "RECEIVING" : "AVAILABLE" }, t + i * 30_000);
        if (viaReceiving) {
          this.agenda.at(inShift(t + this.rng.int(2, 20) * HOUR, this.rng), "inspection", async (tt) => {
            const qty = Math.min(line.qty, this.q(line.sku, to, "RECEIVING", { bin }));
            if (qty > 0) await this.post(PEOPLE.wren, { type: "inspect", sku: line.sku, qty, location: to, bin, result: "pass" }, tt);
          });
        }
      }
    });
  }

  // ---------------------------------------------------------------- damage and write-offs

  private async randomDamage(location: Loc, at: number, reporter = crewAt(location)) {
    const candidates = SKU_PLANS.filter((sku) => this.q(sku.code, location, "AVAILABLE", { bin: sku.homeBin[location] }) >= 4);
    if (!candidates.length) return null;
    const sku = this.rng.pick(candidates);
    const qty = this.rng.chance(0.15) ? 2 : 1;
    await this.post(reporter, { type: "damage", sku: sku.code, qty, location, bin: sku.homeBin[location], fromState: "AVAILABLE", reason: this.rng.pick(DAMAGE_REASONS) }, at);
    return sku.code;
  }

  private unclaimedDamage(sku: string, location: Loc): number {
    return this.q(sku, location, "DAMAGED") - (this.damagedClaimed.get(key(sku, location)) ?? 0);
  }

  private async requestWriteOff(sku: string, location: Loc, qty: number, at: number, decide: boolean) {
    const requester = crewAt(location);
    const result = await this.post(requester, { type: "writeoff", sku, qty, location, reason: "Beyond economic repair" }, at);
    if (result?.kind !== "approval") return;
    const k = key(sku, location);
    this.damagedClaimed.set(k, (this.damagedClaimed.get(k) ?? 0) + qty);
    if (!decide) return;
    const id = result.approval.id;
    this.decisionScheduled.add(id);
    this.agenda.at(inShift(at + this.rng.int(18, 66) * HOUR, this.rng), "write-off decision", async (t) => {
      const decider = this.rng.chance(0.5) ? PEOPLE.farah : PEOPLE.felix;
      if (!this.rejectedWriteoff && t >= this.rejectWriteoffAfter) {
        this.rejectedWriteoff = true;
        await this.ledger.reject(decider, id, "Repairable: send to the refurbishment bench instead");
        return; // the units stay DAMAGED, kept for refurbishment
      }
      await this.ledger.approve(decider, id, "Photos checked");
      this.damagedClaimed.set(k, (this.damagedClaimed.get(k) ?? 0) - qty);
    });
  }

  private async writeOffRun(at: number) {
    let offset = 0;
    for (const location of LOCATIONS) {
      for (const sku of SKU_PLANS) {
        const qty = this.unclaimedDamage(sku.code, location);
        if (qty <= 0) continue;
        await this.requestWriteOff(sku.code, location, qty, at + offset, true);
        offset += 2 * MINUTE;
      }
    }
  }

  // ---------------------------------------------------------------- counts

  private physicalInBin(sku: string, location: Loc, bin: string): number {
    return PHYSICAL_STATES.reduce((sum, state) => sum + this.q(sku, location, state, { bin }), 0);
  }

  private async cycleCount(location: Loc, at: number, forced?: { variance: number; requester?: Person }) {
    const rng = this.rng;
    const candidates = SKU_PLANS.filter((sku) => this.physicalInBin(sku.code, location, sku.homeBin[location]) > 0 &&
      (!forced || forced.variance > 0 || this.q(sku.code, location, "AVAILABLE", { bin: sku.homeBin[location] }) >= -forced.variance));
    if (!candidates.length) return null;
    const sku = rng.pick(candidates);
    const bin = sku.homeBin[location];
    const expected = this.physicalInBin(sku.code, location, bin);
    let variance = forced?.variance ?? 0;
    if (!forced && rng.chance(0.25)) {
      variance = rng.int(1, 2) * (rng.chance(0.65) ? -1 : 1);
      if (variance < 0 && this.q(sku.code, location, "AVAILABLE", { bin }) < -variance) variance = -variance;
    }
    const counter = forced?.requester ?? crewAt(location);
    const result = await this.post(counter, { type: "count", sku: sku.code, location, bin, countedQty: expected + variance, reason: forced ? "Cycle count: variance beyond tolerance" : "Cycle count" }, at);
    return result?.kind === "approval" ? { id: result.approval.id, requester: counter } : null;
  }

  // ---------------------------------------------------------------- scripted moments

  /** Fixed points in the story, so every approval state and document type appears at least once. */
  private scriptedEvents() {
    const rng = this.rng.fork(3);
    const on = (dayIndex: number, hour: number) => inShift(this.start + dayIndex * DAY + hour * HOUR, rng);

    // Drop shipments: wholesale orders of bulky items shipped by the supplier straight to the customer.
    for (const [dayIndex, sku, qty] of [[20, "TABLE-06", 4], [52, "SHELF-02", 12], [76, "TABLE-01", 6]] as const) {
      this.agenda.at(on(dayIndex, 16), "drop ship", async (t) => {
        const plan = this.plan(sku);
        const supplier = plan.altSupplier ?? plan.supplier;
        const orderLine = `${this.next("WS-", 2040)}-1`;
        await this.post(PEOPLE.sol, {
          type: "dropship", sku, qty, location: EAST, unitCost: this.quote(plan, supplier, rng), channel: "wholesale", orderLine,
          reason: `Drop ship from ${SUPPLIERS[supplier].name}`,
        }, t);
      });
    }

    // Quality holds placed on stock already on the shelf after customer complaints.
    for (const [dayIndex, location] of [[31, EAST], [68, WEST]] as const) {
      this.agenda.at(on(dayIndex, 15), "hold", async (t) => {
        const candidates = SKU_PLANS.filter((sku) => this.q(sku.code, location, "AVAILABLE", { bin: sku.homeBin[location] }) >= 6);
        if (!candidates.length) return;
        const sku = rng.pick(candidates);
        const bin = sku.homeBin[location];
        await this.post(crewAt(location), { type: "hold", sku: sku.code, qty: 2, location, bin, reason: "Customer complaints about this batch: investigating" }, t);
        this.agenda.at(inShift(t + rng.int(3, 6) * DAY, rng), "hold release", (tt) => this.requestHoldRelease(sku.code, location, bin, tt));
      });
    }

    // A count beyond tolerance, approved by the other warehouse person.
    this.agenda.at(on(47, 17), "count beyond tolerance", async (t) => {
      const request = await this.cycleCount(EAST, t, { variance: 4 });
      if (request) this.decisionScheduled.add(request.id);
      if (request) this.agenda.at(t + 40 * MINUTE, "count decision", async () => {
        await this.ledger.approve(otherWarehouse(request.requester), request.id, "Recounted with Wes: a mis-slotted carton");
      });
    });

    // Finance writes off one cheap damaged item itself: below the threshold it posts at once.
    this.agenda.at(on(61, 18), "finance write-off", async (t) => {
      const cheap = SKU_PLANS.filter((sku) => sku.family === "LAMP");
      let found = cheap.find((sku) => this.unclaimedDamage(sku.code, EAST) > 0)?.code;
      if (!found) {
        const sku = cheap.find((plan) => this.q(plan.code, EAST, "AVAILABLE", { bin: plan.homeBin[EAST] }) >= 2);
        if (!sku) return;
        await this.post(PEOPLE.wes, { type: "damage", sku: sku.code, qty: 1, location: EAST, bin: sku.homeBin[EAST], fromState: "AVAILABLE", reason: "Shade dented in the aisle" }, t);
        found = sku.code;
      }
      await this.post(PEOPLE.felix, { type: "writeoff", sku: found, qty: 1, location: EAST, reason: "Dented shade, not worth repairing" }, t + 30 * MINUTE);
    });

    // Standard cost changes: one approved by the other finance person, one still waiting.
    this.agenda.at(on(44, 16), "cost change", async (t) => {
      const result = await this.post(PEOPLE.farah, { type: "cost.change", sku: "LAMP-03", standardCost: this.raisedStandard("LAMP-03", 0.06), reason: "Lumen & Brass price list 2026-Q4" }, t);
      if (result?.kind === "approval") {
        const id = result.approval.id;
        this.decisionScheduled.add(id);
        this.agenda.at(inShift(t + 20 * HOUR, rng), "cost decision", async () => {
          await this.ledger.approve(PEOPLE.felix, id, "Matches the new price list");
        });
      }
    });

    // The end of the story: requests still waiting for someone when the demo starts.
    const finale = this.lastShiftMoment();
    this.agenda.at(finale - 150 * MINUTE, "finale", (t) => this.finale(t));
  }

  private raisedStandard(sku: string, by: number): string {
    const current = Number(this.plan(sku).standardCost ?? this.plan(sku).baseCost);
    return money(current * (1 + by));
  }

  /** Late in the last shift that has ended (or is under way) before now. */
  private lastShiftMoment(): number {
    let t = this.end - 45 * MINUTE;
    const rng = new Random(1);
    while (inShift(t, rng) !== t || inShift(t - 150 * MINUTE, rng) !== t - 150 * MINUTE) t -= 15 * MINUTE;
    return t;
  }

  private async finale(at: number) {
    const rng = this.rng.fork(4);
    // Requests with a decision still to come in the story do not count: they will be decided before now.
    const pendingOf = (type: string) => [...this.ledger.pending.values()].some((request) => request.type === type && !this.decisionScheduled.has(request.id));

    // A hold release waiting for the second warehouse person.
    if (!pendingOf("hold.release")) {
      let spot = SKU_PLANS.flatMap((sku) => LOCATIONS.map((location) => ({ sku: sku.code, location, bin: sku.homeBin[location] })))
        .find(({ sku, location, bin }) => this.q(sku, location, "QUALITY_HOLD", { bin }) - (this.holdClaimed.get(key(sku, location)) ?? 0) > 0);
      if (!spot) {
        const sku = SKU_PLANS.find((plan) => this.q(plan.code, WEST, "AVAILABLE", { bin: plan.homeBin[WEST] }) >= 4);
        if (sku) {
          await this.post(PEOPLE.wren, { type: "hold", sku: sku.code, qty: 1, location: WEST, bin: sku.homeBin[WEST], reason: "Loose fittings reported by a customer" }, at);
          spot = { sku: sku.code, location: WEST, bin: sku.homeBin[WEST] };
        }
      }
      if (spot) await this.requestHoldRelease(spot.sku, spot.location, spot.bin, at + 20 * MINUTE, false);
    }

    // A write-off waiting for finance.
    if (!pendingOf("writeoff")) {
      let sku = SKU_PLANS.find((plan) => this.unclaimedDamage(plan.code, EAST) > 0)?.code ?? null;
      if (!sku) sku = await this.randomDamage(EAST, at + 40 * MINUTE);
      if (sku) await this.requestWriteOff(sku, EAST, this.unclaimedDamage(sku, EAST), at + 60 * MINUTE, false);
    }

    // A count beyond tolerance waiting for the other warehouse person.
    if (!pendingOf("count")) await this.cycleCount(WEST, at + 80 * MINUTE, { variance: -rng.int(4, 6), requester: PEOPLE.wren });

    // A standard cost change waiting for the second finance person.
    if (!pendingOf("cost.change")) {
      await this.post(PEOPLE.farah, { type: "cost.change", sku: "LAMP-06", standardCost: this.raisedStandard("LAMP-06", 0.045), reason: "Freight surcharge from Lumen & Brass" }, at + 100 * MINUTE);
    }

    // Work in progress left for tomorrow (nothing later in the story moves these lines or this receipt):
    // one order picked but not packed, one packed but not shipped...
    const reserved = this.orderLines.filter((line) => line.location !== STORE && this.q(line.sku, line.location, "RESERVED", { doc: line.ref }) > 0);
    const [toPick, toPack] = reserved.slice(-2);
    if (toPick) await this.pickOnly(toPick, at + 10 * MINUTE);
    if (toPack) {
      await this.pickOnly(toPack, at + 15 * MINUTE);
      const qty = this.q(toPack.sku, toPack.location, "PICKED", { doc: toPack.ref });
      await this.post(crewAt(toPack.location), { type: "pack", sku: toPack.sku, qty, location: toPack.location, orderLine: toPack.ref }, at + 25 * MINUTE);
    }
    // ...and goods received at the end of the shift, to be inspected tomorrow: the PO due first arrived a little early.
    const open = (po: Po) => po.lines.some((line) => this.q(line.sku, po.location, "ON_ORDER", { doc: po.ref }) + this.q(line.sku, po.location, "INBOUND_TRANSIT", { doc: po.ref }) > 0);
    const due = this.purchaseOrders.filter(open).sort((a, b) => a.eta - b.eta)[0];
    if (due) await this.receivePo(due, due.lines.map((line) => line.sku), at + 30 * MINUTE, this.end + HOUR);

    // Goods on the road between our own sites: a top-up shipped at the end of the last shift.
    for (const [to, offset] of [[STORE, 110], [WEST, 120]] as const) {
      if (SKU_PLANS.some((sku) => this.q(sku.code, to, "TRANSFER_TRANSIT") > 0)) continue;
      const lines = SKU_PLANS.filter((sku) => (to === WEST || sku.store) && this.eastSpare(sku.code) >= 6)
        .slice(0, 3)
        .map((sku) => ({ sku: sku.code, qty: to === STORE ? 2 : 4 }));
      const arrival = inShift(at + offset * MINUTE + (to === STORE ? 20 : 80) * HOUR, rng);
      await this.transfer(to, lines, at + offset * MINUTE, arrival, false);
    }

  }

  /** What the story promised to leave behind for the demo; anything missing is reported. */
  private checkEnding() {
    const pending = new Set([...this.ledger.pending.values()].map((request) => request.type));
    const inTransit = (to: Loc) => SKU_PLANS.some((sku) => this.q(sku.code, to, "TRANSFER_TRANSIT") > 0);
    const anywhere = (state: "ON_ORDER" | "INBOUND_TRANSIT" | "RECEIVING" | "PICKED" | "PACKED") => SKU_PLANS.some((sku) => LOCATIONS.some((location) => this.q(sku.code, location, state) > 0));
    this.report.warnings.push(
      ...["hold.release", "writeoff", "count", "cost.change"].filter((type) => !pending.has(type)).map((type) => `no pending ${type} request`),
      ...(this.ledger.approvals.approved.get("hold.release") ? [] : ["no approved hold.release"]),
      ...(this.rejectedWriteoff ? [] : ["no rejected write-off"]),
      ...(inTransit(STORE) || inTransit(WEST) ? [] : ["no transfer in transit"]),
      ...(anywhere("ON_ORDER") ? [] : ["no PO on order"]),
      ...(anywhere("INBOUND_TRANSIT") ? [] : ["no PO in transit"]),
      ...(["RECEIVING", "PICKED", "PACKED"] as const).filter((state) => !anywhere(state)).map((state) => `nothing in ${state}`),
    );
  }

  // ---------------------------------------------------------------- run

  /** Plays the agenda up to now, one transaction per business day. */
  async run(transaction: (work: (tx: Db) => Promise<void>) => Promise<void>) {
    for (;;) {
      const first = this.agenda.peek();
      if (!first || first.at > this.end) break;
      const dayEnd = startOfDay(first.at) + DAY;
      await transaction(async (tx) => {
        this.ledger.tx = tx;
        try {
          for (;;) {
            const task = this.agenda.peek();
            if (!task || task.at >= dayEnd || task.at > this.end) break;
            this.agenda.pop();
            await task.run(task.at);
          }
        } finally {
          this.ledger.tx = null;
        }
      });
    }
    this.checkEnding();
  }
}

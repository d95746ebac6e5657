// The finance office: suppliers' invoices matched a few days to a few weeks after
// the goods came in (or, under FOB shipping point, once they shipped), most at the
// PO price, some not; a few invoices late or disputed, so GRNI has an age. A
// standard cost review about forty days back, approved by the second finance
// person, and another request still waiting at the end. Each ended month closed a
// few days into the next, once nothing dated in it is still to be decided.
// Its dice come from its own fork of the random stream, so a change here does not
// reshuffle the orders, receipts and counts of the rest of the business.
import { POOL_STATES } from "../../lib/domain/finance/cost-state.ts";
import { DAY, HOUR, MINUTE, duringShift, inShift, isWorkday, startOfDay, weekday } from "./calendar.ts";
import { LOCATIONS, PEOPLE, SKU_PLANS, SUPPLIERS, type Loc, type SupplierKey } from "./cast.ts";
import type { Random } from "./random.ts";
import { money, type Po, type Sim } from "./sim.ts";

/** One document line a supplier bills: a PO line, or a drop ship (billed by its order line). */
type BillLine = {
  doc: string;
  sku: string;
  location: Loc;
  supplier: SupplierKey;
  ordered: number;
  poCost: string;
  /** Units booked to GRNI so far: received, or shipped to us under FOB shipping point. */
  booked: () => number;
  /** Units the supplier bills for so far: received, or booked when it bills on shipment. */
  billable: () => number;
  /** Billable units already on an invoice (posted or still to come). */
  billed: number;
  invoiced: number;
  /** The day GRNI was first booked for it: where its age counts from. */
  since: number | null;
};

type Invoice = { doc: string; supplier: SupplierKey; lines: { line: BillLine; qty: number }[]; due: number };

/** Age bands of the GRNI aging report (components/finance/age-buckets.ts): 0–30, 31–60, 61–90, 90+. */
const BANDS = [30, 60, 90, Infinity];
const bandOf = (ageDays: number) => BANDS.findIndex((max) => ageDays <= max);
const BAND_LABELS = ["0–30", "31–60", "61–90", "90+"];

/** How many documents are left unbilled on purpose in each older band, and the ages (at the end) that may go there. */
const DISPUTES: { band: number; ages: [number, number]; quota: number; forceBelow: number }[] = [
  { band: 2, ages: [64, 88], quota: 1, forceBelow: 70 },
  { band: 1, ages: [34, 57], quota: 2, forceBelow: 41 },
];

const PRICE_DIFFERENCE = 0.15;
const STANDARD_SKUS = SKU_PLANS.filter((sku) => sku.method === "standard");

class FinanceOffice {
  readonly lines = new Map<string, BillLine>();
  readonly queue: Invoice[] = [];
  private readonly knownPos = new Set<string>();
  readonly disputed = [0, 0, 0, 0];
  readonly standards = new Map(STANDARD_SKUS.map((sku) => [sku.code, Number(sku.standardCost ?? sku.baseCost)]));
  /** Months that end inside the history early enough to be closed, and when each was. */
  readonly closes = new Map<string, number | null>();
  reviewed: string | null = null;
  costChangeApproved = false;
  priceDifferences = 0;

  constructor(
    readonly sim: Sim,
    readonly rng: Random,
  ) {}

  /** Every PO line the business has confirmed, from the first night it is seen. */
  private learnPos() {
    const { sim } = this;
    for (const po of sim.purchaseOrders) {
      if (this.knownPos.has(po.ref)) continue;
      this.knownPos.add(po.ref);
      // Some shipping-point suppliers bill with the bill of lading; the rest bill what reached us.
      const onShipment = po.fob === "shipping_point" && this.rng.chance(0.5);
      for (const line of po.lines) this.addPoLine(po, line.sku, line.qty, line.unitCost, onShipment);
    }
  }

  private addPoLine(po: Po, sku: string, ordered: number, poCost: string, onShipment: boolean) {
    const { sim } = this;
    const open = (state: "ON_ORDER" | "INBOUND_TRANSIT") => sim.q(sku, po.location, state, { doc: po.ref });
    const received = () => ordered - open("ON_ORDER") - open("INBOUND_TRANSIT");
    const booked = po.fob === "shipping_point" ? () => ordered - open("ON_ORDER") : received;
    this.lines.set(`${po.ref}|${sku}`, {
      doc: po.ref, sku, location: po.location, supplier: po.supplier, ordered, poCost,
      booked, billable: onShipment ? booked : received, billed: 0, invoiced: 0, since: null,
    });
  }

  addDropShip(doc: string, sku: string, location: Loc, qty: number, unitCost: string, supplier: SupplierKey) {
    const fixed = () => qty;
    this.lines.set(`${doc}|${sku}`, { doc, sku, location, supplier, ordered: qty, poCost: unitCost, booked: fixed, billable: fixed, billed: 0, invoiced: 0, since: null });
  }

  /** At night: what was booked today goes on the invoice each supplier will send. */
  intake(at: number) {
    this.learnPos();
    const day = startOfDay(at);
    const fresh = new Map<string, Invoice>();
    for (const line of this.lines.values()) {
      if (line.billed >= line.ordered) continue;
      if (line.since === null && line.booked() > 0) line.since = day;
      const qty = line.billable() - line.billed;
      if (qty <= 0) continue;
      line.billed += qty;
      const invoice = fresh.get(line.doc) ?? { doc: line.doc, supplier: line.supplier, lines: [], due: 0 };
      invoice.lines.push({ line, qty });
      fresh.set(line.doc, invoice);
    }
    for (const invoice of fresh.values()) {
      const disputed = this.disputedLine(invoice);
      invoice.lines = invoice.lines.filter((entry) => entry !== disputed);
      // Most invoices come within three weeks; now and then one is weeks late.
      const lag = this.rng.chance(0.05) ? this.rng.int(30, 48) : this.rng.int(3, 23);
      invoice.due = day + lag * DAY;
      if (invoice.lines.length) this.queue.push(invoice);
    }
  }

  /**
   * A few PO lines are left out of their invoice (billed at a price nobody agreed,
   * a credit note awaited) and stay open, so each older age band of GRNI has some.
   */
  private disputedLine(invoice: Invoice): Invoice["lines"][number] | null {
    const rolled = this.rng.next();
    if (!invoice.doc.startsWith("PO-")) return null;
    for (const rule of DISPUTES) {
      if (this.disputed[rule.band] >= rule.quota) continue;
      const candidates = invoice.lines.filter(({ line }) => {
        const ageAtEnd = Math.floor((this.sim.end - (line.since ?? Infinity)) / DAY);
        return ageAtEnd >= rule.ages[0] && ageAtEnd <= rule.ages[1];
      });
      if (!candidates.length) continue;
      const ageAtEnd = Math.floor((this.sim.end - (candidates[0].line.since ?? 0)) / DAY);
      if (rolled < 0.25 || (ageAtEnd < rule.forceBelow && this.disputed[rule.band] === 0)) {
        this.disputed[rule.band] += 1;
        return this.rng.pick(candidates);
      }
    }
    return null;
  }

  /** The accounts payable run: each invoice due by today, matched line by line. */
  async payables(at: number) {
    const due = this.queue.filter((invoice) => invoice.due <= at).sort((a, b) => a.due - b.due);
    let t = at;
    for (const invoice of due) {
      this.queue.splice(this.queue.indexOf(invoice), 1);
      const number = this.sim.next("INV-", 52_000, 5);
      for (const { line, qty: asked } of invoice.lines) {
        // Never more than the ledger holds open for it: booked less what is already invoiced.
        const qty = Math.min(asked, line.booked() - line.invoiced);
        if (qty <= 0) continue;
        const poCost = Number(line.poCost);
        const differs = this.rng.chance(PRICE_DIFFERENCE);
        const unitCost = differs ? money(poCost * (1 + (this.rng.chance(0.55) ? 1 : -1) * this.rng.between(0.02, 0.08))) : line.poCost;
        const from = `Invoice ${number} from ${SUPPLIERS[invoice.supplier].name}`;
        const reason = unitCost === line.poCost ? from : `${from}: billed at ${unitCost} against ${line.poCost} on the order`;
        const result = await this.sim.post(PEOPLE.farah, { type: "invoice.match", sku: line.sku, qty, location: line.location, reference: line.doc, unitCost, reason }, t);
        t += 20_000;
        if (!result) continue;
        line.invoiced += qty;
        this.sim.report.invoices += 1;
        if (unitCost !== line.poCost) this.priceDifferences += 1;
      }
      t += 2 * MINUTE;
    }
  }

  /** Units in a SKU's cost pool across all locations: what a standard cost change revalues. */
  poolUnits(sku: string): number {
    return LOCATIONS.reduce((sum, location) => sum + POOL_STATES.reduce((units, state) => units + this.sim.q(sku, location, state), 0), 0);
  }

  /** Brings the standard of the SKU furthest from what it was bought at to the average price paid. */
  async costReview(at: number) {
    const { sim } = this;
    const paid = STANDARD_SKUS.map((sku) => {
      const lines = sim.purchaseOrders.flatMap((po) => po.lines.filter((line) => line.sku === sku.code));
      const units = lines.reduce((sum, line) => sum + line.qty, 0);
      const average = units ? lines.reduce((sum, line) => sum + line.qty * Number(line.unitCost), 0) / units : 0;
      const standard = this.standards.get(sku.code)!;
      return { sku: sku.code, lines: lines.length, units, average, standard, gap: units ? Math.abs(average / standard - 1) : 0 };
    }).filter((row) => row.units > 0 && this.poolUnits(row.sku) > 0);
    if (!paid.length) return;
    const pick = paid.reduce((best, row) => (row.gap > best.gap ? row : best));
    const standardCost = money(Math.round(pick.average * 20) / 20);
    if (standardCost === money(pick.standard)) return;
    const result = await sim.post(PEOPLE.farah, {
      type: "cost.change", sku: pick.sku, standardCost,
      reason: `Quarterly cost review: standard brought to the average price paid (${pick.units} units on ${pick.lines} PO lines)`,
    }, at);
    if (result?.kind !== "approval") return;
    this.reviewed = pick.sku;
    const id = result.approval.id;
    sim.decisionScheduled.add(id);
    sim.agenda.at(inShift(at + this.rng.int(18, 30) * HOUR, this.rng), "cost decision", async (t) => {
      await sim.ledger.approve(PEOPLE.felix, id, "Checked against the PO history and the variance report", t);
      this.standards.set(pick.sku, Number(standardCost));
      this.costChangeApproved = true;
    });
  }

  /** A standard cost change left for the second finance person: the inbox shows its value at stake. */
  async pendingCostChange(at: number) {
    const candidates = STANDARD_SKUS.filter((sku) => sku.code !== this.reviewed).map((sku) => ({ sku: sku.code, units: this.poolUnits(sku.code) }));
    if (!candidates.length) return;
    const { sku } = candidates.reduce((best, row) => (row.units > best.units ? row : best));
    const by = this.rng.int(35, 60) / 1000;
    const standardCost = money(this.standards.get(sku)! * (1 + by));
    await this.sim.post(PEOPLE.farah, { type: "cost.change", sku, standardCost, reason: `Freight surcharge from ${SUPPLIERS.lumen.name}: landed cost up ${(by * 100).toFixed(1)}%` }, at);
  }

  /**
   * Month-end close, once no request dated in the month is still to be decided
   * (approving it would post into the closed month): else it waits a day.
   */
  async close(period: string, monthEnd: number, at: number) {
    const { sim } = this;
    const undecided = [...sim.ledger.pending.values()].filter((request) => request.requestedAt < monthEnd + HOUR);
    const awaited = undecided.filter((request) => sim.decisionScheduled.has(request.id));
    if (awaited.length) {
      const retry = inShift(startOfDay(at) + DAY + 17 * HOUR, this.rng);
      if (retry <= sim.end) sim.agenda.at(retry, "period close", (t) => this.close(period, monthEnd, t));
      else sim.report.warnings.push(`${period} not closed: ${awaited.length} request(s) dated in it are still to be decided`);
      return;
    }
    if (undecided.length) sim.report.warnings.push(`${period} closed with ${undecided.length} request(s) dated in it pending: approving them will be refused`);
    const result = await sim.post(PEOPLE.felix, { type: "period.close", period, reason: `Month-end close of ${period}` }, at);
    if (result?.kind !== "posted") return;
    this.closes.set(period, at);
    sim.report.closedPeriods.push(period);
  }
}

const offices = new WeakMap<Sim, FinanceOffice>();

function office(sim: Sim): FinanceOffice {
  const found = offices.get(sim);
  if (!found) throw new Error("demo history: the finance routine is not scheduled");
  return found;
}

/** Puts the finance office's routine on the agenda: invoices, a cost review, month-end closes. */
export function scheduleFinance(sim: Sim) {
  const rng = sim.rng.fork(5);
  const books = new FinanceOffice(sim, rng);
  offices.set(sim, books);
  const lastDay = startOfDay(sim.end);
  for (let day = sim.start; day <= lastDay; day += DAY) {
    // The day's receipts and ASNs are known by night; the AP clerk matches invoices on weekdays.
    sim.agenda.at(day + 23 * HOUR + 55 * MINUTE, "invoice intake", async (t) => books.intake(t));
    if (isWorkday(day) && weekday(day) !== 6 && day - sim.start >= 3 * DAY) {
      sim.agenda.at(duringShift(day, rng, 15, 18), "accounts payable", (t) => books.payables(t));
    }
  }
  sim.agenda.at(inShift(Math.max(sim.start + 5 * DAY, lastDay - 40 * DAY) + 16 * HOUR, rng), "cost review", (t) => books.costReview(t));
  scheduleCloses(sim, books, rng);
}

/** Each calendar month wholly inside the history that ended at least three days before its end, closed on the 3rd–5th. */
function scheduleCloses(sim: Sim, books: FinanceOffice, rng: Random) {
  const first = new Date(sim.start);
  let month = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + (first.getUTCDate() === 1 ? 0 : 1), 1);
  for (;;) {
    const start = new Date(month);
    const monthEnd = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1);
    if (monthEnd > sim.end - 3 * DAY) break;
    const period = start.toISOString().slice(0, 7);
    const fits = [2, 3, 4].map((offset) => monthEnd + offset * DAY).filter((day) => day + 21 * HOUR <= sim.end);
    const weekdays = fits.filter((day) => isWorkday(day) && weekday(day) !== 6);
    const day = weekdays.length ? rng.pick(weekdays) : fits[0];
    books.closes.set(period, null);
    sim.agenda.at(duringShift(day, rng, 17, 21), "period close", (t) => books.close(period, monthEnd, t));
    month = monthEnd;
  }
}

/** A drop ship is billed by its supplier too, against its order line. */
export function billDropShip(sim: Sim, doc: string, sku: string, location: Loc, qty: number, unitCost: string, supplier: SupplierKey) {
  office(sim).addDropShip(doc, sku, location, qty, unitCost, supplier);
}

export async function requestPendingCostChange(sim: Sim, at: number) {
  await office(sim).pendingCostChange(at);
}

/** Open GRNI per age band at the end, from the mirror: units booked and not yet invoiced, aged from their first booking. */
export function openGrniByBand(sim: Sim): { docs: number; units: number }[] {
  const bands = BANDS.map(() => ({ docs: 0, units: 0 }));
  for (const line of office(sim).lines.values()) {
    const open = line.booked() - line.invoiced;
    if (open <= 0 || line.since === null) continue;
    const band = bands[bandOf(Math.floor((sim.end - line.since - 12 * HOUR) / DAY))];
    band.docs += 1;
    band.units += open;
  }
  return bands;
}

/** What the finance screens need from the history; anything missing is reported. */
export function checkFinance(sim: Sim): string[] {
  const books = office(sim);
  const warnings: string[] = [];
  const bands = openGrniByBand(sim);
  const reachable = BANDS.filter((_, band) => band === 0 || (sim.end - sim.start) / DAY > BANDS[band - 1] + 2).length;
  bands.slice(0, reachable).forEach((band, index) => {
    if (!band.docs) warnings.push(`no open GRNI aged ${BAND_LABELS[index]} days`);
  });
  if (bands.filter((band) => band.docs > 0).length < 2) warnings.push("open GRNI in fewer than two age bands");
  if (!books.priceDifferences) warnings.push("no invoice with a price difference");
  if (!books.costChangeApproved) warnings.push("no approved standard cost change");
  const notClosed = [...books.closes].filter(([, at]) => at === null).map(([period]) => period);
  if (notClosed.length) warnings.push(`periods not closed: ${notClosed.join(", ")}`);
  if (!books.closes.size) warnings.push("no closed period");
  return warnings;
}

// The supply side of one SKU: purchase orders from its suppliers on both FOB terms
// (an ASN and goods owned on the water for shipping point), receipts (some short,
// some keyed in late and dated when the goods arrived), inspection (pass, reject
// back to the vendor, or hold), and the supplier's invoice: usually weeks later,
// sometimes after the month has closed, at a different price now and then, split,
// or for more than was delivered (refused, then corrected).
import { DAY, HOUR, MINUTE, dateAhead, inShift, weekday } from "../../../prisma/demo-history/calendar.ts";
import { EAST, PEOPLE, SUPPLIERS, WEST, crewAt, otherWarehouse, type Loc, type SupplierKey } from "../../../prisma/demo-history/cast.ts";
import type { Fob } from "../../../prisma/demo-history/channels.ts";
import type { World } from "./world.ts";

export type PurchaseOrder = { ref: string; supplier: SupplierKey; location: Loc; fob: Fob; eta: number; qty: number; unitCost: string; opening: boolean; shippedAt: number; bill: Billable };

/** Something a supplier bills for: a PO, or a drop ship by its order line. */
export type Billable = { ref: string; location: Loc; unitCost: string; owed: () => number; invoiced: number };

const roundUp = (value: number, step: number) => Math.max(step, Math.ceil(value / step) * step);

function quote(world: World, supplier: SupplierKey): string {
  const drift = SUPPLIERS[supplier].bias + world.rng.between(-0.035, 0.035);
  return (world.sku.baseCost * (1 + Math.max(-0.1, Math.min(0.1, drift)))).toFixed(2);
}

export async function openingStock(world: World, at: number) {
  const { sku } = world;
  for (const location of [EAST, WEST] as const) {
    if (location === WEST && sku.westBy !== "po") continue;
    const { point, upTo } = world.reorder[location];
    const extra = location === EAST && sku.westBy === "transfer" ? world.reorder[WEST].upTo : 0;
    await confirmPo(world, location, sku.supplier, roundUp((point + upTo) / 2 + extra, 5), dateAhead(at, world.rng.int(1, 2)), at, true);
  }
}

/** Each workday: a location whose stock position fell to its reorder point orders up to its level. */
export async function reviewReorders(world: World, at: number) {
  const { sku, rng } = world;
  for (const location of [EAST, WEST] as const) {
    if (location === WEST && sku.westBy !== "po") continue;
    const { point, upTo } = world.reorder[location];
    const position = (["AVAILABLE", "RECEIVING", "ON_ORDER", "INBOUND_TRANSIT", "TRANSFER_TRANSIT"] as const).reduce((sum, state) => sum + world.q(location, state), 0);
    if (position > point) continue;
    let supplier = rng.chance(0.15) ? sku.altSupplier : sku.supplier;
    if (location === WEST && !SUPPLIERS[supplier].servesWest) supplier = sku.supplier;
    await confirmPo(world, location, supplier, roundUp(upTo - position, 5), dateAhead(at, rng.int(...SUPPLIERS[supplier].leadDays)), at, false);
  }
}

async function confirmPo(world: World, location: Loc, supplier: SupplierKey, qty: number, eta: number, at: number, opening: boolean) {
  const { rng } = world;
  const terms = SUPPLIERS[supplier];
  const ref = world.next("PO");
  const unitCost = quote(world, supplier);
  const po: PurchaseOrder = { ref, supplier, location, fob: terms.fob, eta, qty, unitCost, opening, shippedAt: at, bill: { ref, location, unitCost, owed: () => owed(world, po), invoiced: 0 } };
  const buyer = weekday(at) === 6 ? PEOPLE.felix : PEOPLE.farah;
  const confirmed = await world.post(buyer, {
    type: "po.confirm", sku: world.code, qty, location, reference: po.ref, unitCost: po.unitCost, eta: new Date(eta).toISOString(), fob: po.fob, supplier: terms.name,
  }, at);
  if (confirmed.kind !== "posted") return;
  if (po.fob === "shipping_point" || rng.chance(0.3)) {
    const transit = po.fob === "shipping_point" ? rng.int(...terms.transitDays) : rng.int(1, 2);
    const asnAt = opening ? at + 2 * HOUR : inShift(Math.max(at + DAY, eta - transit * DAY), rng);
    world.agenda.at(asnAt, "ASN", (t) => supplierShipped(world, po, t));
  } else {
    world.agenda.at(receiptTime(world, po.eta), "receipt", (t) => receive(world, po, t));
  }
}

function receiptTime(world: World, eta: number): number {
  return inShift(eta - 6 * HOUR + world.rng.int(0, 30) * HOUR, world.rng);
}

async function supplierShipped(world: World, po: PurchaseOrder, at: number) {
  const { rng } = world;
  const delayed = !po.opening && rng.chance(0.15);
  if (delayed) po.eta += rng.int(2, 4) * DAY;
  const open = world.q(po.location, "ON_ORDER", { doc: po.ref });
  if (open > 0) {
    const shipped = await world.post(po.opening ? PEOPLE.farah : PEOPLE.felix, {
      type: "po.ship", sku: world.code, qty: open, location: po.location, reference: po.ref,
      ...(delayed ? { eta: new Date(po.eta).toISOString(), reason: "Supplier ASN: sailing delayed" } : {}),
    }, at);
    if (shipped.kind === "posted") {
      po.shippedAt = at;
      // Some shipping-point suppliers bill with the bill of lading: goods owned on the water, not yet received.
      if (po.fob === "shipping_point" && rng.chance(0.5)) invoiceLater(world, po.bill, at);
    }
  }
  world.agenda.at(Math.max(receiptTime(world, po.eta), at + HOUR), "receipt", (t) => receive(world, po, t));
}

/** What the ledger lets the supplier bill: what was received, or under FOB shipping point also what is owned in transit. */
function owed(world: World, po: PurchaseOrder): number {
  const notYet = world.q(po.location, "ON_ORDER", { doc: po.ref }) + (po.fob === "shipping_point" ? 0 : world.q(po.location, "INBOUND_TRANSIT", { doc: po.ref }));
  return po.qty - notYet;
}

async function receive(world: World, po: PurchaseOrder, at: number) {
  const { rng } = world;
  const outstanding = world.q(po.location, "ON_ORDER", { doc: po.ref }) + world.q(po.location, "INBOUND_TRANSIT", { doc: po.ref });
  if (outstanding <= 0) return;
  let qty = outstanding;
  const short = !po.opening && outstanding >= 5 && rng.chance(0.08);
  if (short) qty = Math.ceil(outstanding * rng.between(0.6, 0.8));
  const bin = world.sku.homeBin[po.location];
  // Now and then the receipt is keyed in hours after the goods arrived, and dated when they did.
  const late = !po.opening && rng.chance(0.06);
  const when = late ? Math.max(at - rng.int(2, 18) * HOUR, po.shippedAt + HOUR, world.monthStart + MINUTE) : at;
  const received = await world.post(crewAt(po.location), {
    type: "receive", sku: world.code, qty, location: po.location, reference: po.ref, bin, ...(late ? { reason: "Receipt keyed in late: dated when the goods arrived" } : {}),
  }, when, { backdated: late && when < at });
  if (received.kind !== "posted") return;
  world.agenda.at(inShift(at + rng.int(2, 26) * HOUR, rng), "inspection", (t) => inspect(world, po, bin, qty, t));
  invoiceLater(world, po.bill, at);
  if (short) world.agenda.at(inShift(at + rng.int(2, 5) * DAY, rng), "receipt", (t) => receive(world, po, t));
}

async function inspect(world: World, po: PurchaseOrder, bin: string, qty: number, at: number) {
  const { rng } = world;
  const location = po.location;
  qty = Math.min(qty, world.q(location, "RECEIVING", { bin }));
  if (qty <= 0) return;
  const inspector = crewAt(location);
  const roll = rng.next();
  const rejected = roll < 0.07 ? Math.min(qty, rng.int(1, Math.max(1, Math.round(qty * 0.15)))) : 0;
  const held = roll >= 0.07 && roll < 0.11 ? Math.min(qty, rng.int(1, 3)) : 0;
  const base = { type: "inspect", sku: world.code, location, bin } as const;
  if (qty - rejected - held > 0) await world.post(inspector, { ...base, qty: qty - rejected - held, result: "pass" }, at);
  if (rejected) {
    await world.post(inspector, { ...base, qty: rejected, result: "reject", reason: rng.pick(["Cracked frame", "Wrong finish supplied", "Missing hardware"]) }, at + MINUTE);
    world.agenda.at(inShift(at + rng.int(2, 6) * DAY, rng), "vendor return", async (t) => {
      const back = world.q(location, "REJECTED", { bin });
      if (back > 0) await world.post(inspector, { type: "vendor.return", sku: world.code, qty: back, location, bin, reference: po.ref, reason: `Returned to ${SUPPLIERS[po.supplier].name} for credit` }, t);
    });
  }
  if (held) {
    await world.post(inspector, { ...base, qty: held, result: "hold", reason: rng.pick(["Colour mismatch against the sample", "Labels do not match the PO"]) }, at + 2 * MINUTE);
    world.agenda.at(inShift(at + rng.int(2, 6) * DAY, rng), "hold release", (t) => requestHoldRelease(world, location, bin, t));
  }
}

/** Asks a second warehouse person to release what is held in the bin; a refusal is asked again a week on. */
export async function requestHoldRelease(world: World, location: Loc, bin: string, at: number) {
  const qty = Math.min(world.unclaimed("QUALITY_HOLD", location, bin), world.q(location, "QUALITY_HOLD", { bin }));
  if (qty <= 0) return;
  const requester = crewAt(location);
  const approve = world.rng.chance(0.9);
  const asked = await world.request(requester, { type: "hold.release", sku: world.code, qty, location, bin, reason: "Supplier confirmed the batch is within spec" }, at, {
    by: otherWarehouse(requester), after: world.rng.int(18, 50) * HOUR, approve, note: approve ? "Checked against the sample: release" : "Not convinced: send another sample",
    then: (approved, t) => {
      world.claim("QUALITY_HOLD", location, -qty);
      if (!approved) world.agenda.at(inShift(t + 7 * DAY, world.rng), "hold release", (tt) => requestHoldRelease(world, location, bin, tt));
    },
  });
  if (asked.kind === "approval") world.claim("QUALITY_HOLD", location, qty);
}

/** The supplier's invoice, matched by finance when it arrives. */
export function invoiceLater(world: World, bill: Billable, at: number) {
  const { rng } = world;
  // Most invoices come within three weeks; one in twenty is more than a month late.
  const lag = rng.chance(0.05) ? rng.int(30, 48) : rng.int(3, 23);
  world.agenda.at(inShift(at + lag * DAY, rng), "invoice", (t) => matchInvoice(world, bill, t));
}

async function matchInvoice(world: World, bill: Billable, at: number) {
  const { rng } = world;
  const open = bill.owed() - bill.invoiced;
  if (open <= 0) return;
  const clerk = PEOPLE.farah;
  const number = world.next("INV");
  const base = { type: "invoice.match", sku: world.code, location: bill.location, reference: bill.ref } as const;
  const differs = rng.chance(0.15);
  const unitCost = differs ? (Number(bill.unitCost) * (1 + (rng.chance(0.55) ? 1 : -1) * rng.between(0.02, 0.08))).toFixed(2) : bill.unitCost;
  const reason = differs ? `Invoice ${number}: billed at ${unitCost} against ${bill.unitCost} on the order` : `Invoice ${number}`;
  // Billed for more than arrived: refused, and matched for what did once the supplier sends a corrected invoice.
  if (rng.chance(0.03)) await world.post(clerk, { ...base, qty: open + rng.int(1, 3), unitCost, reason: `${reason} (over-billed)` }, at);
  const split = open >= 4 && rng.chance(0.08);
  const qty = split ? Math.ceil(open / 2) : open;
  const matched = await world.post(clerk, { ...base, qty, unitCost, reason }, at + MINUTE);
  if (matched.kind !== "posted") return;
  bill.invoiced += qty;
  if (split) world.agenda.at(inShift(at + rng.int(5, 15) * DAY, rng), "invoice", (t) => matchInvoice(world, bill, t));
}

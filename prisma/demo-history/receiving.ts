// Goods in: receipts against a PO (sometimes short, the rest following later),
// inspection of what arrived, and rejects going back to the supplier. The
// supplier's invoice is the finance office's (finance.ts).
import { DAY, HOUR, MINUTE, inShift } from "./calendar.ts";
import { SUPPLIERS, crewAt, type Loc, type SupplierKey } from "./cast.ts";
import { requestHoldRelease } from "./holds.ts";
import type { Po, Sim } from "./sim.ts";

export async function receivePo(sim: Sim, po: Po, skus: string[], at: number, inspectNotBefore = 0) {
  const rng = sim.rng;
  const receiver = crewAt(po.location);
  const later: string[] = [];
  for (const [i, sku] of skus.entries()) {
    const outstanding = sim.q(sku, po.location, "ON_ORDER", { doc: po.ref }) + sim.q(sku, po.location, "INBOUND_TRANSIT", { doc: po.ref });
    if (outstanding <= 0) continue;
    let qty = outstanding;
    if (!po.opening && outstanding >= 5 && rng.chance(0.08)) {
      qty = Math.ceil(outstanding * rng.between(0.6, 0.8));
      later.push(sku);
    }
    const bin = sim.plan(sku).homeBin[po.location];
    const t = at + i * 90_000;
    const result = await sim.post(receiver, { type: "receive", sku, qty, location: po.location, reference: po.ref, bin }, t);
    if (!result) continue;
    sim.agenda.at(inShift(Math.max(t + rng.int(2, 26) * HOUR, inspectNotBefore), rng), "inspection", (tt) => inspect(sim, sku, po.location, bin, qty, po.supplier, tt, po.ref));
  }
  if (later.length) sim.agenda.at(inShift(at + rng.int(2, 5) * DAY, rng), "receipt", (t) => receivePo(sim, po, later, t));
}

async function inspect(sim: Sim, sku: string, location: Loc, bin: string, qty: number, supplier: SupplierKey, at: number, poRef: string) {
  const rng = sim.rng;
  const waiting = sim.q(sku, location, "RECEIVING", { bin });
  qty = Math.min(qty, waiting);
  if (qty <= 0) return;
  const inspector = crewAt(location);
  const roll = rng.next();
  let rejected = 0;
  let held = 0;
  if (roll < 0.07) rejected = Math.min(qty, rng.int(1, Math.max(1, Math.round(qty * 0.15))));
  else if (roll < 0.11) held = Math.min(qty, rng.int(1, 3));
  if (qty - rejected - held > 0) {
    await sim.post(inspector, { type: "inspect", sku, qty: qty - rejected - held, location, bin, result: "pass" }, at);
  }
  if (rejected) {
    await sim.post(inspector, { type: "inspect", sku, qty: rejected, location, bin, result: "reject", reason: rng.pick(["Cracked frame", "Wrong finish supplied", "Missing hardware", "Torn packaging, product scuffed"]) }, at + MINUTE);
    sim.agenda.at(inShift(at + rng.int(2, 6) * DAY, rng), "vendor return", (t) => returnToVendor(sim, sku, location, bin, supplier, t, poRef));
  }
  if (held) {
    await sim.post(inspector, { type: "inspect", sku, qty: held, location, bin, result: "hold", reason: rng.pick(["Colour mismatch against the sample", "Possible finish defect: supplier asked", "Labels do not match the PO"]) }, at + 2 * MINUTE);
    sim.agenda.at(inShift(at + rng.int(2, 6) * DAY, rng), "hold release", (t) => requestHoldRelease(sim, sku, location, bin, t));
  }
}

async function returnToVendor(sim: Sim, sku: string, location: Loc, bin: string, supplier: SupplierKey, at: number, poRef: string) {
  const qty = sim.q(sku, location, "REJECTED", { bin });
  if (qty <= 0) return;
  await sim.post(crewAt(location), { type: "vendor.return", sku, qty, location, bin, reference: poRef, reason: `Returned to ${SUPPLIERS[supplier].name} for credit` }, at);
}

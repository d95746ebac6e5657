// Buying stock: the opening stock, the reorder review that keeps each SKU between
// its reorder point and order-up-to level, and the supplier's side of a PO (its
// ASN, or nothing until the goods turn up). What happens at the dock is receiving's.
import { DAY, HOUR, MINUTE, dateAhead, inShift, weekday } from "./calendar.ts";
import { EAST, PEOPLE, SKU_PLANS, SUPPLIERS, WEST, type Loc, type SupplierKey } from "./cast.ts";
import { key } from "./plans.ts";
import { receivePo } from "./receiving.ts";
import type { Po, PoLine, Sim } from "./sim.ts";

type PoGroup = { supplier: SupplierKey; location: Loc; lines: PoLine[] };

const roundUp = (value: number, step: number) => Math.max(step, Math.ceil(value / step) * step);

export async function openingStock(sim: Sim, at: number) {
  const rng = sim.rng.fork(2);
  const bySupplier = new Map<string, PoGroup>();
  for (const sku of SKU_PLANS) {
    for (const location of [EAST, WEST] as const) {
      if (location === WEST && sku.westBy !== "po") continue;
      const { point, upTo } = sim.reorder.get(key(sku.code, location))!;
      const target = Math.round((point + upTo) / 2);
      const k = `${sku.supplier}|${location}`;
      const group = bySupplier.get(k) ?? { supplier: sku.supplier, location, lines: [] };
      group.lines.push({ sku: sku.code, qty: roundUp(target + (location === EAST && sku.westBy === "transfer" ? target / 3 : 0), 5), unitCost: sim.quote(sku, sku.supplier, rng) });
      bySupplier.set(k, group);
    }
  }
  let offset = 0;
  for (const group of bySupplier.values()) {
    const supplier = SUPPLIERS[group.supplier];
    await confirmPo(
      sim,
      { ref: sim.next("PO-", 4100), supplier: group.supplier, location: group.location, fob: supplier.fob, eta: dateAhead(at, rng.int(1, 4)), lines: group.lines, opening: true, buyer: PEOPLE.farah },
      at + offset,
    );
    offset += 5 * MINUTE;
  }
}

export async function reviewReorders(sim: Sim, at: number) {
  const rng = sim.rng;
  const groups = new Map<string, PoGroup>();
  for (const sku of SKU_PLANS) {
    for (const location of [EAST, WEST] as const) {
      if (location === WEST && sku.westBy !== "po") continue;
      const { point, upTo } = sim.reorder.get(key(sku.code, location))!;
      const position = (["AVAILABLE", "RECEIVING", "ON_ORDER", "INBOUND_TRANSIT", "TRANSFER_TRANSIT"] as const).reduce(
        (sum, state) => sum + sim.q(sku.code, location, state),
        0,
      );
      if (position > point) continue;
      let supplier = sku.altSupplier && rng.chance(0.15) ? sku.altSupplier : sku.supplier;
      if (location === WEST && !SUPPLIERS[supplier].servesWest) supplier = sku.supplier;
      const k = `${supplier}|${location}`;
      const group = groups.get(k) ?? { supplier, location, lines: [] };
      group.lines.push({ sku: sku.code, qty: roundUp(upTo - position, 5), unitCost: sim.quote(sku, supplier, rng) });
      groups.set(k, group);
    }
  }
  let offset = 0;
  for (const group of groups.values()) {
    const supplier = SUPPLIERS[group.supplier];
    const buyer = weekday(at) === 6 ? PEOPLE.felix : PEOPLE.farah;
    await confirmPo(
      sim,
      { ref: sim.next("PO-", 4100), supplier: group.supplier, location: group.location, fob: supplier.fob, eta: dateAhead(at, rng.int(...supplier.leadDays)), lines: group.lines, opening: false, buyer },
      at + offset,
    );
    offset += 4 * MINUTE;
  }
}

async function confirmPo(sim: Sim, po: Po, at: number) {
  const supplier = SUPPLIERS[po.supplier];
  sim.report.purchaseOrders += 1;
  sim.purchaseOrders.push(po);
  for (const [i, line] of po.lines.entries()) {
    await sim.post(po.buyer, {
      type: "po.confirm", sku: line.sku, qty: line.qty, location: po.location, reference: po.ref, unitCost: line.unitCost,
      eta: new Date(po.eta).toISOString(), fob: po.fob, supplier: supplier.name,
    }, at + i * 40_000);
  }
  const rng = sim.rng;
  if (po.fob === "shipping_point" || rng.chance(0.3)) {
    const transit = po.fob === "shipping_point" ? rng.int(...supplier.transitDays) : rng.int(1, 2);
    const asnAt = po.opening ? at + 2 * HOUR : inShift(Math.max(at + DAY, po.eta - transit * DAY), rng);
    sim.agenda.at(asnAt, "ASN", (t) => supplierShipped(sim, po, t));
  } else {
    sim.agenda.at(receiptTime(sim, po.eta), "receipt", (t) => receivePo(sim, po, po.lines.map((line) => line.sku), t));
  }
}

function receiptTime(sim: Sim, eta: number): number {
  return inShift(eta - 6 * HOUR + sim.rng.int(0, 30) * HOUR, sim.rng);
}

async function supplierShipped(sim: Sim, po: Po, at: number) {
  const delayed = !po.opening && sim.rng.chance(0.15);
  if (delayed) po.eta += sim.rng.int(2, 4) * DAY;
  for (const [i, line] of po.lines.entries()) {
    const open = sim.q(line.sku, po.location, "ON_ORDER", { doc: po.ref });
    if (open <= 0) continue;
    await sim.post(po.buyer, {
      type: "po.ship", sku: line.sku, qty: open, location: po.location, reference: po.ref,
      ...(delayed ? { eta: new Date(po.eta).toISOString(), reason: "Supplier ASN: sailing delayed" } : {}),
    }, at + i * 30_000);
  }
  sim.agenda.at(receiptTime(sim, po.eta), "receipt", (t) => receivePo(sim, po, po.lines.map((line) => line.sku), t));
}

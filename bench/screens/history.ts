// The bulk of the screens bench's business: each extra SKU lives 90 days of the
// demo's kinds of work (purchase orders on both FOB terms, receipts, inspections,
// supplier invoices, a transfer, orders from reservation to delivery, returns,
// damage and write-offs, counts, holds awaiting release), left with work in
// every queue at the end. Pure: it only plans the events, in business-time order
// per SKU, each with the role that posts it; posting is the seeder's.
import type { Role } from "../../lib/domain/roles.ts";
import { Random } from "../../prisma/demo-history/random.ts";

export const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

export type PlannedEvent = { role: Exclude<Role, "admin">; at: number; event: Record<string, unknown> };
export type ExtraSku = { code: string; name: string; category: string; costingMethod: "fifo" | "average" | "standard"; standardCost: string | null; baseCost: number };

const FAMILIES = [
  { category: "seating", noun: "chair", method: "fifo" },
  { category: "tables", noun: "table", method: "average" },
  { category: "lighting", noun: "lamp", method: "standard" },
  { category: "storage", noun: "shelf", method: "fifo" },
  { category: "textiles", noun: "rug", method: "average" },
] as const;
const SUPPLIERS = ["Nordwood Ltd", "Lumen & Co", "Atlas Textiles", "Harbor Imports"];
const CHANNELS = ["web", "marketplace", "wholesale"] as const;
const EAST = "WH-EAST";
const WEST = "WH-WEST";
const EAST_BINS = ["A-01", "A-02", "A-03", "B-01", "B-02"];
const WEST_BINS = ["R-01", "R-02", "R-03"];

export const extraSkuCode = (n: number) => `S-${String(n).padStart(4, "0")}`;

export function extraSku(n: number): ExtraSku {
  const family = FAMILIES[n % FAMILIES.length];
  const baseCost = 12 + (n % 47) * 3;
  return {
    code: extraSkuCode(n),
    name: `${family.noun[0].toUpperCase()}${family.noun.slice(1)} model ${n}`,
    category: family.category,
    costingMethod: family.method,
    standardCost: family.method === "standard" ? (baseCost + 1.5).toFixed(2) : null,
    baseCost,
  };
}

/** The demo history's seeded generator: the same SKU number always gets the same story. */
function random(seed: number) {
  return new Random(seed);
}

/**
 * One SKU's 90 days ending at `end`, sorted by business time. Quantities are
 * planned so that every event fits the stock it finds (nothing is refused).
 */
export function skuHistory(n: number, end: number, days = 90): PlannedEvent[] {
  const rng = random(n * 7919 + 17);
  const sku = extraSku(n);
  const code = sku.code;
  const start = Math.floor(end / DAY) * DAY - days * DAY;
  // Business hours 08:00–18:00 UTC, a SKU-specific minute so SKUs do not share timestamps.
  const at = (day: number, hour: number) => Math.min(start + day * DAY + hour * HOUR + (n % 50) * MINUTE, end - HOUR);
  const cost = (factor = 1) => (sku.baseCost * factor).toFixed(2);
  const eastBin = EAST_BINS[n % EAST_BINS.length];
  const westBin = WEST_BINS[n % WEST_BINS.length];
  const out: PlannedEvent[] = [];
  const add = (role: PlannedEvent["role"], time: number, event: Record<string, unknown>) =>
    out.push({ role, at: time, event: { sku: code, ...event, occurredAt: new Date(time).toISOString() } });
  const supplier = SUPPLIERS[n % SUPPLIERS.length];

  // Opening stock, FOB destination: confirmed, received, inspected (a few held), invoiced.
  const po1 = `PO-${code}-1`;
  add("finance", at(0, 9), { type: "po.confirm", qty: 240, location: EAST, reference: po1, unitCost: cost(), eta: new Date(at(2, 9)).toISOString(), fob: "destination", supplier });
  add("warehouse", at(2, 10), { type: "receive", qty: 240, location: EAST, reference: po1, bin: eastBin });
  const held = n % 20 === 0 ? 3 : 0;
  add("warehouse", at(3, 9), { type: "inspect", qty: 240 - held, location: EAST, bin: eastBin, result: "pass" });
  if (held) add("warehouse", at(3, 10), { type: "inspect", qty: held, location: EAST, bin: eastBin, result: "hold", reason: "Finish differs from the sample" });
  add("finance", at(6, 11), { type: "invoice.match", qty: 240, location: EAST, reference: po1, unitCost: rng.chance(0.2) ? cost(1.04) : cost() });

  // The West gets its share by transfer; counted later with no variance.
  const toWest = 40;
  add("warehouse", at(7, 14), { type: "transfer.ship", qty: toWest, location: EAST, toLocation: WEST, transfer: `TR-${code}-1`, eta: new Date(at(10, 12)).toISOString() });
  add("warehouse", at(10, 12), { type: "transfer.receive", qty: toWest, location: WEST, transfer: `TR-${code}-1`, bin: westBin });
  add("warehouse", at(70, 16), { type: "count", location: WEST, bin: westBin, countedQty: toWest });

  // A second PO, FOB shipping point: ours from the supplier's dock, so shipped before it arrives.
  const po2 = `PO-${code}-2`;
  add("finance", at(38, 9), { type: "po.confirm", qty: 120, location: EAST, reference: po2, unitCost: cost(1.02), eta: new Date(at(46, 9)).toISOString(), fob: "shipping_point", supplier });
  add("finance", at(41, 9), { type: "po.ship", qty: 120, location: EAST, reference: po2 });
  add("warehouse", at(46, 10), { type: "receive", qty: 120, location: EAST, reference: po2, bin: eastBin });
  add("warehouse", at(47, 9), { type: "inspect", qty: 120, location: EAST, bin: eastBin, result: "pass" });
  // Half the second POs are still waiting for their invoice: GRNI aged 30–60 days.
  if (n % 2 === 0) add("finance", at(52, 11), { type: "invoice.match", qty: 120, location: EAST, reference: po2, unitCost: cost(1.02) });

  // A third PO, still on order: incoming supply on the ATP chart. Some arrive today, left to inspect.
  const po3 = `PO-${code}-3`;
  add("finance", at(days - 12, 9), { type: "po.confirm", qty: 100, location: EAST, reference: po3, unitCost: cost(1.03), eta: new Date(at(days + 5, 9)).toISOString(), fob: "destination", supplier });
  if (n % 7 === 0) add("warehouse", at(days - 1, 9), { type: "receive", qty: 30, location: EAST, reference: po3, bin: eastBin });

  // Orders out of the East, spread over the period; the latest stop part-way (queues to pick, pack, ship, deliver).
  const orders = 10;
  for (let k = 0; k < orders; k++) {
    const day = 12 + Math.floor(((days - 13) * k) / orders) + rng.int(0, 3);
    const qty = rng.int(1, 4);
    const channel = CHANNELS[(n + k) % CHANNELS.length];
    const fob = k % 3 === 0 ? "shipping_point" : "destination";
    const orderLine = `SO-${code}-${k + 1}`;
    const line = { qty, location: EAST, orderLine };
    add("sales", at(day, 9), { type: "reserve", ...line, channel });
    const stage = k === orders - 1 ? n % 5 : 5; // the last order of each SKU is somewhere in the flow
    if (stage >= 1) add("warehouse", at(day, 11), { type: "pick", ...line, toBin: "DOCK" });
    if (stage >= 2) add("warehouse", at(day, 13), { type: "pack", ...line });
    if (stage >= 3) add("warehouse", at(day, 15), { type: "ship", ...line, fob });
    if (stage >= 4 && fob === "destination") add("warehouse", at(day + 2, 10), { type: "deliver", ...line, reason: "Carrier proof of delivery" });
    // Every third SKU gets its second order's unit back, restocked or damaged.
    if (k === 1 && n % 3 === 0) {
      const rma = `RMA-${code}`;
      add("warehouse", at(day + 8, 10), { type: "return.receive", qty: 1, location: EAST, rma, orderLine, bin: eastBin, reason: "Changed mind" });
      add("warehouse", at(day + 9, 10), { type: "return.inspect", qty: 1, location: EAST, rma, result: n % 2 === 0 ? "restock" : "damaged" });
    }
  }

  // Shelf damage on every fourth SKU, written off by finance a few days later (every other one still waiting).
  if (n % 4 === 0) {
    add("warehouse", at(55, 15), { type: "damage", qty: 1, location: EAST, bin: eastBin, fromState: "AVAILABLE", reason: "Dropped from the rack" });
    if (n % 8 === 0) add("finance", at(58, 16), { type: "writeoff", qty: 1, location: EAST, reason: "Not worth repairing" });
  }
  // Held units get a release request, left for a second warehouse person.
  if (held) add("warehouse", at(days - 1, 11), { type: "hold.release", qty: held, location: EAST, bin: eastBin, reason: "Supplier confirmed the batch is within spec" });

  return out.sort((a, b) => a.at - b.at);
}

/** Consecutive events of one role: what one batch (one actor) posts for the SKU at a time. */
export function steps(events: PlannedEvent[]): { role: PlannedEvent["role"]; events: Record<string, unknown>[] }[] {
  const out: { role: PlannedEvent["role"]; events: Record<string, unknown>[] }[] = [];
  for (const planned of events) {
    const last = out.at(-1);
    if (last && last.role === planned.role) last.events.push(planned.event);
    else out.push({ role: planned.role, events: [planned.event] });
  }
  return out;
}

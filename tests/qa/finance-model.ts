// The finance model of /work/shared/inventory-model.md §4–§6, read literally, for one SKU.
// Money is integer cents; unit costs are integers in 1/10,000 of a unit (four decimals).
// Concord's documented choices the model document leaves open are taken from docs/model.md
// §9 and named where they are used: rounding round(V×k/n) half away from zero with the last
// unit taking the rest; FOB-destination outbound held in inventory_in_transit from shipment.
// Also open in the model document, and taken as Concord does:
// - "current cost" is a four-decimal unit cost (newest live FIFO layer's, else the last
//   known; the average as of the last inflow; the standard), extended and rounded;
// - a return without an order line is valued at its inspection, at the then current cost
//   (it shows 0.00 in "returns pending inspection" until then);
// - a count counts every physical state at the location; the variance moves AVAILABLE;
// - "damage pending write-off" is valued at what writing it off would take out of the pool
//   now (FIFO: the oldest layers first; otherwise its share of the pool, round(V×k/n));
// - under standard, returns and count gains enter at standard, the difference to revaluation.

export type Method = "fifo" | "average" | "standard";
type Holding = { qty: number; value: number };
type Layer = Holding & { unitCost: number; at: string; seq: number };
/** When the event being applied occurred, and its ledger sequence: FIFO's "oldest" is by these. */
export type Stamp = { at: string; seq: number };
type Po = { id: string; lastAt: string; unitCost: number; fob: "shipping_point" | "destination"; onOrder: number; inTransit: number; transitValue: number; booked: number; invoiced: number };
type Line = { id: string; location: string; reserved: number; picked: number; packed: number; outbound: Holding; customer: Holding };
type Rma = { id: string; location: string; qty: number; value: number };
type Doc = { id: string; unitCost: number; booked: number; invoiced: number };

const PHYSICAL_STATES = ["RECEIVING", "AVAILABLE", "RESERVED", "PICKED", "PACKED", "QUALITY_HOLD", "DAMAGED", "RETURN_QC", "REJECTED"];
const POOL_STATES = ["RECEIVING", "AVAILABLE", "RESERVED", "PICKED", "PACKED", "QUALITY_HOLD", "DAMAGED", "REJECTED", "TRANSFER_TRANSIT"];

/** a ÷ b rounded half away from zero, in integers. */
export function roundDiv(a: number, b: number): number {
  const sign = Math.sign(a) * Math.sign(b);
  const q = Math.floor((2 * Math.abs(a) + Math.abs(b)) / (2 * Math.abs(b)));
  return sign * q;
}

/** k of n units worth V: the exact share rounded half away from zero; the last unit takes the rest. */
export function share(value: number, k: number, n: number): number {
  return k >= n ? value : roundDiv(value * k, n);
}

export const cents = (s: string) => Math.round(Number(s) * 100);
export const money = (c: number) => (c < 0 ? "-" : "") + (Math.abs(c) / 100).toFixed(2);
/** qty × a four-decimal unit cost, in cents. */
const at = (qty: number, unitCost4: number) => roundDiv(qty * unitCost4, 100);

export class FinanceModel {
  layers: Layer[] = []; // FIFO, oldest first (by occurredAt, then sequence)
  stamp: Stamp = { at: "", seq: 0 };
  /** The current unit cost (four decimals): newest FIFO layer's, else the last known; the average as of the last inflow. */
  current: number | null = null;
  pool: Holding = { qty: 0, value: 0 }; // average / standard
  states = new Map<string, number>();
  pos = new Map<string, Po>();
  drops = new Map<string, Doc>();
  lines = new Map<string, Line>();
  rmas = new Map<string, Rma>();
  journal = new Map<string, number>(); // debit − credit, cents

  constructor(
    readonly method: Method,
    public std = 0, // cents
  ) {}

  private book(debit: string, credit: string, amount: number) {
    this.journal.set(debit, (this.journal.get(debit) ?? 0) + amount);
    this.journal.set(credit, (this.journal.get(credit) ?? 0) - amount);
  }

  units(state: string, location: string) {
    return this.states.get(`${location}|${state}`) ?? 0;
  }
  private add(state: string, location: string, qty: number) {
    const next = this.units(state, location) + qty;
    if (next < 0) throw new Error(`model: ${state}@${location} below zero`);
    this.states.set(`${location}|${state}`, next);
  }
  move(location: string, from: string, to: string, qty: number, toLocation = location) {
    this.add(from, location, -qty);
    this.add(to, toLocation, qty);
  }

  // --- the pool -----------------------------------------------------------------

  private poolQty() {
    return this.method === "fifo" ? this.layers.reduce((s, l) => s + l.qty, 0) : this.pool.qty;
  }
  private poolValue() {
    return this.method === "fifo" ? this.layers.reduce((s, l) => s + l.value, 0) : this.pool.value;
  }
  /** Takes k units out of the pool at issue cost (FIFO: oldest layers first). */
  private issue(k: number): number {
    if (this.method !== "fifo") {
      const v = share(this.pool.value, k, this.pool.qty);
      this.pool = { qty: this.pool.qty - k, value: this.pool.value - v };
      return v;
    }
    let left = k;
    let total = 0;
    while (left > 0) {
      const layer = this.layers[0];
      if (!layer) throw new Error("model: FIFO pool exhausted");
      const t = Math.min(left, layer.qty);
      const v = share(layer.value, t, layer.qty);
      layer.qty -= t;
      layer.value -= v;
      total += v;
      left -= t;
      if (layer.qty === 0) this.layers.shift();
    }
    return total;
  }
  /** What taking k units out of the FIFO layers would take, oldest first, changing nothing. */
  private oldest(k: number): number {
    let left = k;
    let total = 0;
    for (const layer of this.layers) {
      if (left <= 0) break;
      const t = Math.min(left, layer.qty);
      total += share(layer.value, t, layer.qty);
      left -= t;
    }
    return total;
  }
  /** Puts k units worth v into the pool; returns the value booked to inventory (standard: k × std). */
  private inflow(k: number, v: number): number {
    if (this.method === "fifo") {
      this.layers.push({ qty: k, value: v, unitCost: roundDiv(v * 100, k), ...this.stamp });
      this.layers.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.seq - b.seq));
      this.current = this.layers[this.layers.length - 1]!.unitCost;
      return v;
    }
    const booked = this.method === "standard" ? k * this.std : v;
    this.pool = { qty: this.pool.qty + k, value: this.pool.value + booked };
    this.current = roundDiv(this.pool.value * 100, this.pool.qty);
    return booked;
  }
  hasCurrentCost() {
    return this.method === "standard" || this.current !== null;
  }
  /** k units at the current unit cost (four decimals), extended and rounded to the cent. */
  private currentCost(k: number): number {
    if (this.method === "standard") return k * this.std;
    const unit = this.method === "fifo" && this.layers.length ? this.layers[this.layers.length - 1]!.unitCost : this.current!;
    return at(k, unit);
  }

  // --- events ---------------------------------------------------------------------

  poConfirm(id: string, qty: number, unitCost: number, fob: Po["fob"]) {
    this.pos.set(id, { id, lastAt: this.stamp.at, unitCost, fob, onOrder: qty, inTransit: 0, transitValue: 0, booked: 0, invoiced: 0 });
  }
  poShip(id: string, qty: number) {
    const po = this.pos.get(id)!;
    po.lastAt = this.stamp.at;
    po.onOrder -= qty;
    po.inTransit += qty;
    if (po.fob === "shipping_point") {
      const v = at(qty, po.unitCost);
      po.transitValue += v;
      po.booked += qty;
      this.book("inventory_in_transit", "grni", v);
    }
  }
  receive(id: string, qty: number) {
    const po = this.pos.get(id)!;
    if (this.stamp.at > po.lastAt) po.lastAt = this.stamp.at;
    let v: number;
    let credit: string;
    if (po.inTransit > 0) {
      if (po.fob === "shipping_point") {
        v = share(po.transitValue, qty, po.inTransit);
        po.transitValue -= v;
        credit = "inventory_in_transit";
      } else {
        v = at(qty, po.unitCost);
        po.booked += qty;
        credit = "grni";
      }
      po.inTransit -= qty;
    } else {
      po.onOrder -= qty;
      v = at(qty, po.unitCost);
      po.booked += qty;
      credit = "grni";
    }
    const booked = this.inflow(qty, v);
    this.book("inventory", credit, booked);
    if (booked !== v) this.book("purchase_price_variance", credit, v - booked);
    this.add("RECEIVING", "WH-EAST", qty);
  }
  inspect(location: string, qty: number, result: string) {
    this.move(location, "RECEIVING", result === "pass" ? "AVAILABLE" : result === "reject" ? "REJECTED" : "QUALITY_HOLD", qty);
  }
  vendorReturn(location: string, qty: number) {
    this.add("REJECTED", location, -qty);
    this.book("grni", "inventory", this.issue(qty));
  }
  invoice(id: string, qty: number, invoiced: number) {
    const doc = this.pos.get(id) ?? this.drops.get(id)!;
    doc.invoiced += qty;
    const atPo = at(qty, doc.unitCost);
    const ap = at(qty, invoiced);
    this.journal.set("grni", (this.journal.get("grni") ?? 0) + atPo);
    this.journal.set("purchase_price_variance", (this.journal.get("purchase_price_variance") ?? 0) + (ap - atPo));
    this.journal.set("accounts_payable", (this.journal.get("accounts_payable") ?? 0) - ap);
  }
  reserve(id: string, location: string, qty: number) {
    this.add("AVAILABLE", location, -qty);
    this.add("RESERVED", location, qty);
    this.lines.set(id, { id, location, reserved: qty, picked: 0, packed: 0, outbound: { qty: 0, value: 0 }, customer: { qty: 0, value: 0 } });
  }
  pick(id: string, qty: number) {
    const l = this.lines.get(id)!;
    l.reserved -= qty;
    l.picked += qty;
    this.move(l.location, "RESERVED", "PICKED", qty);
  }
  pack(id: string, qty: number) {
    const l = this.lines.get(id)!;
    l.picked -= qty;
    l.packed += qty;
    this.move(l.location, "PICKED", "PACKED", qty);
  }
  ship(id: string, qty: number, fob: string) {
    const l = this.lines.get(id)!;
    l.packed -= qty;
    this.add("PACKED", l.location, -qty);
    const v = this.issue(qty);
    if (fob === "shipping_point") {
      this.book("cogs", "inventory", v);
      l.customer = { qty: l.customer.qty + qty, value: l.customer.value + v };
    } else {
      // Concord's documented choice (docs/model.md §9): held in inventory_in_transit until delivery.
      this.book("inventory_in_transit", "inventory", v);
      l.outbound = { qty: l.outbound.qty + qty, value: l.outbound.value + v };
    }
  }
  deliver(id: string, qty: number) {
    const l = this.lines.get(id)!;
    const v = share(l.outbound.value, qty, l.outbound.qty);
    l.outbound = { qty: l.outbound.qty - qty, value: l.outbound.value - v };
    l.customer = { qty: l.customer.qty + qty, value: l.customer.value + v };
    this.book("cogs", "inventory_in_transit", v);
  }
  returnReceive(rma: string, location: string, qty: number, line: string | null) {
    let v: number;
    if (line) {
      const l = this.lines.get(line)!;
      v = share(l.customer.value, qty, l.customer.qty);
      l.customer = { qty: l.customer.qty - qty, value: l.customer.value - v };
    } else {
      v = -1; // valued at inspection, at the then current cost
    }
    this.rmas.set(rma, { id: rma, location, qty, value: v });
    this.add("RETURN_QC", location, qty);
  }
  returnInspect(id: string, qty: number, result: string) {
    const rma = this.rmas.get(id)!;
    const v = rma.value < 0 ? this.currentCost(qty) : share(rma.value, qty, rma.qty);
    rma.qty -= qty;
    if (rma.value >= 0) rma.value -= v;
    this.move(rma.location, "RETURN_QC", result === "restock" ? "AVAILABLE" : "DAMAGED", qty);
    const booked = this.inflow(qty, v);
    this.book("inventory", "cogs", v);
    if (booked !== v) this.book("inventory", "revaluation", booked - v);
  }
  writeoff(location: string, qty: number) {
    this.add("DAMAGED", location, -qty);
    this.book("writeoff_expense", "inventory", this.issue(qty));
  }
  /** Everything physically at a location: what a count counts (Concord counts the whole location). */
  onHand(location: string) {
    return PHYSICAL_STATES.reduce((s, st) => s + this.units(st, location), 0);
  }
  /** The variance is fixed when counted; the returned function posts it (at once or on approval). */
  count(location: string, variance: number) {
    return () => this.countVariance(location, variance);
  }
  private countVariance(location: string, variance: number) {
    this.add("AVAILABLE", location, variance);
    if (variance > 0) {
      const v = this.currentCost(variance);
      this.book("inventory", "shrinkage", this.inflow(variance, v));
    } else {
      this.book("shrinkage", "inventory", this.issue(-variance));
    }
  }
  dropship(id: string, qty: number, unitCost: number) {
    this.drops.set(id, { id, unitCost: unitCost, booked: qty, invoiced: 0 });
    this.book("cogs", "grni", at(qty, unitCost));
  }
  costChange(std: number) {
    const before = this.pool.value;
    this.std = std;
    this.pool.value = this.pool.qty * std;
    this.book("inventory", "revaluation", this.pool.value - before);
  }

  // --- generator helpers --------------------------------------------------------

  posWith(test: (p: Po) => boolean) {
    return [...this.pos.values()].filter(test);
  }
  invoiceable() {
    return [...this.pos.values(), ...this.drops.values()].map((d) => ({ id: d.id, unitCost: d.unitCost, open: d.booked - d.invoiced })).filter((d) => d.open > 0);
  }
  openLines() {
    return [...this.lines.values()].filter((l) => l.reserved + l.picked + l.packed + l.outbound.qty > 0);
  }
  linesAtCustomer() {
    return [...this.lines.values()].filter((l) => l.customer.qty > 0);
  }
  openRmas() {
    return [...this.rmas.values()].filter((r) => r.qty > 0);
  }

  // --- the view -----------------------------------------------------------------

  private sum(state: string) {
    let total = 0;
    for (const [key, qty] of this.states) if (key.endsWith(`|${state}`)) total += qty;
    return total;
  }
  private inbound(): Holding {
    const sp = [...this.pos.values()].filter((p) => p.fob === "shipping_point");
    return { qty: sp.reduce((s, p) => s + p.inTransit, 0), value: sp.reduce((s, p) => s + p.transitValue, 0) };
  }
  private outbound(): Holding {
    const ls = [...this.lines.values()];
    return { qty: ls.reduce((s, l) => s + l.outbound.qty, 0), value: ls.reduce((s, l) => s + l.outbound.value, 0) };
  }
  owned() {
    return POOL_STATES.reduce((s, st) => s + this.sum(st), 0) + this.sum("RETURN_QC") + this.inbound().qty + this.outbound().qty;
  }
  value() {
    return this.poolValue() + this.inbound().value + this.outbound().value;
  }
  journalBalances() {
    return this.journal;
  }
  view() {
    const poolQty = this.poolQty();
    if (poolQty !== POOL_STATES.reduce((s, st) => s + this.sum(st), 0)) throw new Error("model: pool units ≠ units in pool states");
    const unit =
      this.method === "standard"
        ? (this.std / 100).toFixed(4)
        : this.method === "fifo"
          ? this.layers.length
            ? (this.layers[this.layers.length - 1]!.unitCost / 10_000).toFixed(4)
            : null
          : poolQty > 0 && this.current !== null
            ? (this.current / 10_000).toFixed(4)
            : null;
    const layers = this.method === "fifo" ? this.layers.map((l) => ({ qty: l.qty, value: money(l.value) })) : poolQty > 0 ? [{ qty: this.pool.qty, value: money(this.pool.value) }] : [];
    const damaged = this.sum("DAMAGED");
    const rmas = this.openRmas();
    const inbound = this.inbound();
    const outbound = this.outbound();
    return {
      owned: this.owned(),
      value: money(this.value()),
      unitCost: unit,
      layers,
      grni: money(-(this.journal.get("grni") ?? 0)),
      inTransitInbound: { qty: inbound.qty, value: money(inbound.value) },
      inTransitTransfer: this.sum("TRANSFER_TRANSIT"),
      inTransitOutbound: { qty: outbound.qty, value: money(outbound.value) },
      pendingWriteOff: { qty: damaged, value: money(this.method === "fifo" ? this.oldest(damaged) : poolQty ? share(this.poolValue(), damaged, poolQty) : 0) },
      shippedNotInvoiced: { qty: outbound.qty, value: money(outbound.value) },
      returnsPendingInspection: { qty: rmas.reduce((s, r) => s + r.qty, 0), value: money(rmas.reduce((s, r) => s + Math.max(0, r.value), 0)) },
    };
  }
}

// Values one event group (inventory-model §5, §6): from the SKU's cost state and
// the legs the planner decided, the balanced journal lines, the layer moves and
// the state after. Pure: the ledger writes the result in the posting
// transaction, so every cost is fixed when its event is posted.
import { DomainError } from "../errors.ts";
import type { Leg } from "../positions.ts";
import { toMinor, UNIT_COST_SCALE } from "../money.ts";
import { cloneCostState, holdingKey, pendingSeq, POOL_STATES, type Account, type CostState, type HoldingKind } from "./cost-state.ts";
import { currentUnitCost, enter, issue, type LayerMove } from "./pool.ts";
import { divRound, extendCents, shareOf } from "./rounding.ts";

/** One side of an entry: a positive amount is a debit, a negative one a credit. `leg` -1 is the memo row. */
export type JournalEntry = { leg: number; account: Account; amount: bigint; location: string; doc: string };

export type ValuationInput = {
  type: string;
  legs: readonly Leg[];
  occurredAt: Date;
  /** The plan's facts: a drop ship's unit cost, an invoice's qty and price, a new standard cost. */
  data: Record<string, unknown>;
  reference: string | null;
  /** A memo's location (invoice match, cost change). */
  location: string | null;
  /** Units in the pool per location, over which a cost change's revaluation is shared. */
  poolUnits?: Readonly<Record<string, number>>;
  /** For a reversal: the rows of the group it undoes, what each of its legs took out of the pool, and its reference. */
  reversal?: { seqs: readonly number[]; poolOut: readonly bigint[]; reference: string | null };
  newId: () => string;
};

export type Valuation = {
  state: CostState;
  lines: JournalEntry[];
  layerMoves: (LayerMove & { leg: number })[];
  /** Per leg, the value that left the pool (what a reversal of it brings back). */
  poolOut: bigint[];
  touched: { holdings: Set<string>; matches: Set<string> };
};

const POOL = new Set<string>(POOL_STATES);

export function valueEvent(before: CostState, input: ValuationInput): Valuation {
  const state = cloneCostState(before);
  const out: Valuation = { state, lines: [], layerMoves: [], poolOut: input.legs.map(() => 0n), touched: { holdings: new Set(), matches: new Set() } };
  if (input.type === "invoice.match") invoiceMatch(out, input);
  else if (input.type === "cost.change") costChange(out, input);
  else input.legs.forEach((leg, index) => valueLeg(out, input, leg, index));
  return out;
}

type Ctx = { out: Valuation; input: ValuationInput; leg: Leg; index: number };

function book(c: Ctx, account: Account, amount: bigint, side: "from" | "to" = "from", doc = c.leg.from.doc || c.leg.to.doc) {
  if (amount === 0n) return;
  c.out.lines.push({ leg: c.index, account, amount, location: c.leg[side].location, doc });
}

/** Debit one account and credit another with the same amount. */
function entry(c: Ctx, debit: Account, credit: Account, amount: bigint, doc?: string) {
  book(c, debit, amount, "from", doc);
  book(c, credit, -amount, "from", doc);
}

/** A drop ship is matched to its supplier's invoice by its reference, else by its order line. */
function dropshipDoc(reference: string | null | undefined, orderLine: string): string {
  return reference || orderLine;
}

function take(c: Ctx, kind: HoldingKind, doc: string, qty: number): bigint {
  const key = holdingKey(kind, doc);
  const holding = c.out.state.holdings[key];
  c.out.touched.holdings.add(key);
  if (!holding || holding.qty < qty) throw new Error(`holding ${key} has ${holding?.qty ?? 0} units; ${qty} cannot leave it`);
  const value = shareOf(holding.value, holding.qty, qty);
  holding.qty -= qty;
  holding.value -= value;
  return value;
}

function put(c: Ctx, kind: HoldingKind, doc: string, qty: number, value: bigint, location: string) {
  const key = holdingKey(kind, doc);
  const holding = (c.out.state.holdings[key] ??= { qty: 0, value: 0n, location });
  holding.qty += qty;
  holding.value += value;
  c.out.touched.holdings.add(key);
}

function bookMatch(c: Ctx, doc: string, qty: number, unitCost: bigint, location: string) {
  const match = (c.out.state.matches[doc] ??= { unitCost, booked: 0, invoiced: 0, location });
  match.booked += qty;
  if (match.booked < match.invoiced) {
    throw new DomainError("conflict", `${doc} has ${match.invoiced} units invoiced; this would leave only ${match.booked} received against it. Reverse the invoice match first.`);
  }
  c.out.touched.matches.add(doc);
}

function poCost(c: Ctx, doc: string) {
  const po = c.out.state.pos[doc];
  if (!po) throw new Error(`PO ${doc} has no cost`);
  return po;
}

function intoPool(c: Ctx, value: bigint, counter: Account, differenceTo: Account, counterDoc?: string) {
  const { leg, index, out, input } = c;
  const { pooled, difference, moves } = enter(out.state, leg.qty, value, { id: input.newId(), seq: pendingSeq(out.state.layers, index), receivedAt: input.occurredAt });
  book(c, "inventory", pooled, "to");
  book(c, counter, -value, "to", counterDoc);
  book(c, differenceTo, -difference, "to");
  out.layerMoves.push(...moves.map((move) => ({ ...move, leg: index })));
}

function outOfPool(c: Ctx): bigint {
  const prefer = new Set(c.input.reversal ? c.input.reversal.seqs : []);
  const { value, moves } = issue(c.out.state, c.leg.qty, prefer);
  c.out.poolOut[c.index] = value;
  c.out.layerMoves.push(...moves.map((move) => ({ ...move, leg: c.index })));
  book(c, "inventory", -value);
  return value;
}

function restoreValue(c: Ctx): bigint {
  const value = c.input.reversal?.poolOut[c.index];
  if (value === undefined) throw new Error(`${c.leg.from.state} → pool only undoes an earlier move`);
  return value;
}

function valueLeg(out: Valuation, input: ValuationInput, leg: Leg, index: number) {
  const c: Ctx = { out, input, leg, index };
  const [from, to, q] = [leg.from.state, leg.to.state, leg.qty];
  if (POOL.has(from) && POOL.has(to)) return;
  if (!POOL.has(from) && POOL.has(to)) return inflow(c);
  if (POOL.has(from)) return outflow(c);
  const route = `${from}>${to}`;
  const fob = (doc: string) => out.state.pos[doc]?.fob;
  switch (route) {
    case "SUPPLIER>ON_ORDER":
    case "ON_ORDER>SUPPLIER":
      return;
    case "ON_ORDER>INBOUND_TRANSIT": {
      if (fob(leg.from.doc) !== "shipping_point") return;
      const po = poCost(c, leg.from.doc);
      const value = extendCents(q, po.unitCost);
      entry(c, "inventory_in_transit", "grni", value);
      put(c, "po_transit", leg.from.doc, q, value, leg.to.location);
      return bookMatch(c, leg.from.doc, q, po.unitCost, leg.from.location);
    }
    case "INBOUND_TRANSIT>ON_ORDER": {
      if (fob(leg.from.doc) !== "shipping_point") return;
      const value = take(c, "po_transit", leg.from.doc, q);
      entry(c, "grni", "inventory_in_transit", value);
      return bookMatch(c, leg.from.doc, -q, poCost(c, leg.from.doc).unitCost, leg.from.location);
    }
    case "SUPPLIER>CUSTOMER": {
      const unitCost = toMinor(String(input.data.unitCost), UNIT_COST_SCALE);
      const value = extendCents(q, unitCost);
      const doc = dropshipDoc(input.reference, leg.to.doc);
      entry(c, "cogs", "grni", value, doc);
      put(c, "line_customer", leg.to.doc, q, value, leg.to.location);
      return bookMatch(c, doc, q, unitCost, leg.to.location);
    }
    case "CUSTOMER>SUPPLIER": {
      const value = take(c, "line_customer", leg.from.doc, q);
      const doc = dropshipDoc(input.reversal?.reference, leg.from.doc);
      entry(c, "grni", "cogs", value, doc);
      return bookMatch(c, doc, -q, out.state.matches[doc]?.unitCost ?? 0n, leg.from.location);
    }
    case "OUTBOUND_TRANSIT>CUSTOMER": {
      const value = take(c, "line_transit", leg.from.doc, q);
      entry(c, "cogs", "inventory_in_transit", value);
      return put(c, "line_customer", leg.to.doc, q, value, leg.from.location);
    }
    case "CUSTOMER>OUTBOUND_TRANSIT": {
      const value = take(c, "line_customer", leg.from.doc, q);
      entry(c, "inventory_in_transit", "cogs", value);
      return put(c, "line_transit", leg.to.doc, q, value, leg.to.location);
    }
    case "CUSTOMER>RETURN_QC": {
      // Owned from receipt, valued at inspection: the cost waits on the RMA.
      if (!leg.from.doc) return put(c, "rma_open", leg.to.doc, q, 0n, leg.to.location);
      return put(c, "rma", leg.to.doc, q, take(c, "line_customer", leg.from.doc, q), leg.to.location);
    }
    case "RETURN_QC>CUSTOMER": {
      if (!leg.to.doc) return void take(c, "rma_open", leg.from.doc, q);
      return put(c, "line_customer", leg.to.doc, q, take(c, "rma", leg.from.doc, q), leg.from.location);
    }
    default:
      throw new Error(`no valuation rule for ${route}`);
  }
}

function inflow(c: Ctx) {
  const { leg, out } = c;
  const [from, q] = [leg.from.state, leg.qty];
  switch (from) {
    case "ON_ORDER":
    case "INBOUND_TRANSIT": {
      const po = poCost(c, leg.from.doc);
      if (from === "INBOUND_TRANSIT" && po.fob === "shipping_point") {
        return intoPool(c, take(c, "po_transit", leg.from.doc, q), "inventory_in_transit", "purchase_price_variance");
      }
      intoPool(c, extendCents(q, po.unitCost), "grni", "purchase_price_variance");
      return bookMatch(c, leg.from.doc, q, po.unitCost, leg.to.location);
    }
    case "RETURN_QC": {
      // Lines' returns come back at the cost they left with; returns without a line at the current cost.
      const rma = out.state.holdings[holdingKey("rma", leg.from.doc)];
      const known = Math.min(q, rma?.qty ?? 0);
      let value = known ? take(c, "rma", leg.from.doc, known) : 0n;
      if (q > known) {
        take(c, "rma_open", leg.from.doc, q - known);
        value += extendCents(q - known, currentUnitCost(out.state));
      }
      return intoPool(c, value, "cogs", "revaluation");
    }
    case "COUNT_ADJUSTMENT": {
      const value = c.input.reversal ? restoreValue(c) : extendCents(q, currentUnitCost(out.state));
      return intoPool(c, value, "shrinkage", "revaluation");
    }
    case "SCRAP":
      return intoPool(c, restoreValue(c), "writeoff_expense", "revaluation");
    case "SUPPLIER":
      return intoPool(c, restoreValue(c), "grni", "revaluation", c.input.reversal?.reference ?? "");
    case "CUSTOMER":
      return intoPool(c, take(c, "line_customer", leg.from.doc, q), "cogs", "revaluation");
    case "OUTBOUND_TRANSIT":
      return intoPool(c, take(c, "line_transit", leg.from.doc, q), "inventory_in_transit", "revaluation");
    default:
      throw new Error(`no valuation rule for ${from} → ${leg.to.state}`);
  }
}

function outflow(c: Ctx) {
  const { leg } = c;
  const [to, q] = [leg.to.state, leg.qty];
  switch (to) {
    case "CUSTOMER": {
      const value = outOfPool(c);
      book(c, "cogs", value);
      return put(c, "line_customer", leg.to.doc, q, value, leg.from.location);
    }
    case "OUTBOUND_TRANSIT": {
      const value = outOfPool(c);
      book(c, "inventory_in_transit", value);
      return put(c, "line_transit", leg.to.doc, q, value, leg.from.location);
    }
    case "SCRAP":
      return book(c, "writeoff_expense", outOfPool(c));
    case "COUNT_ADJUSTMENT":
      return book(c, "shrinkage", outOfPool(c));
    case "SUPPLIER":
      // Rejected stock no longer carries its PO: a return to vendor that names it (reference) is set against that PO's GRNI.
      return book(c, "grni", outOfPool(c), "from", c.input.reference ?? "");
    case "RETURN_QC": {
      const value = outOfPool(c);
      book(c, "cogs", value);
      return put(c, "rma", leg.to.doc, q, value, leg.from.location);
    }
    case "ON_ORDER":
    case "INBOUND_TRANSIT": {
      // Undoing a receipt: GRNI (or the transit) gets back the PO cost; any difference is price variance.
      const po = poCost(c, leg.to.doc);
      const atPo = extendCents(q, po.unitCost);
      const value = outOfPool(c);
      book(c, "purchase_price_variance", value - atPo);
      if (to === "INBOUND_TRANSIT" && po.fob === "shipping_point") {
        book(c, "inventory_in_transit", atPo);
        return put(c, "po_transit", leg.to.doc, q, atPo, leg.to.location);
      }
      book(c, "grni", atPo);
      return bookMatch(c, leg.to.doc, -q, po.unitCost, leg.from.location);
    }
    default:
      throw new Error(`no valuation rule for ${leg.from.state} → ${to}`);
  }
}

function memo(out: Valuation, input: ValuationInput, account: Account, amount: bigint, doc: string) {
  if (amount !== 0n) out.lines.push({ leg: -1, account, amount, location: input.location ?? "", doc });
}

function invoiceMatch(out: Valuation, input: ValuationInput) {
  const doc = input.reference ?? "";
  const match = out.state.matches[doc];
  const qty = Number(input.data.qty);
  if (!match || match.booked - match.invoiced < qty) throw new RangeError(`${doc}: ${qty} cannot be invoiced`);
  const invoiced = toMinor(String(input.data.unitCost), UNIT_COST_SCALE);
  const atPo = extendCents(qty, match.unitCost);
  const payable = extendCents(qty, invoiced);
  memo(out, input, "grni", atPo, doc);
  memo(out, input, "purchase_price_variance", payable - atPo, doc);
  memo(out, input, "accounts_payable", -payable, doc);
  match.invoiced += qty;
  out.touched.matches.add(doc);
}

function costChange(out: Valuation, input: ValuationInput) {
  const standard = toMinor(String(input.data.standardCost), UNIT_COST_SCALE);
  const pool = out.state.pool;
  const revalued = extendCents(pool.qty, standard);
  const difference = revalued - pool.value;
  // One pool across locations: the revaluation is shared by each location's units, the last carrying the remaining cents.
  const units = Object.entries(input.poolUnits ?? {}).filter(([, qty]) => qty > 0).sort(([a], [b]) => a.localeCompare(b));
  const total = units.reduce((sum, [, qty]) => sum + qty, 0);
  let left = difference;
  let counted = 0;
  for (const [location, qty] of units) {
    counted += qty;
    const part = counted === total ? left : divRound(difference * BigInt(qty), BigInt(total));
    left -= part;
    memo(out, { ...input, location }, "inventory", part, "");
    memo(out, { ...input, location }, "revaluation", -part, "");
  }
  if (!units.length) {
    memo(out, input, "inventory", difference, "");
    memo(out, input, "revaluation", -difference, "");
  }
  pool.value = revalued;
  pool.unitCost = standard;
  out.state.standardCost = standard;
}

// Each view's formula applied to a change of positions, so an event's effect on
// the three views is read off the same definitions the views use (§4).
import { POOL_STATES } from "../finance/cost-state.ts";
import { COMMITTED_STATES, INCOMING_STATES, PHYSICAL_STATES, USABLE_STATES, type State } from "../states.ts";
import type { PositionQty, TraceLeg, TraceLine, ViewTotals } from "./types.ts";
import { ZERO_TOTALS } from "./types.ts";

/** The accounts whose balance is the finance view's value: the pool plus goods in transit. */
export const VALUE_ACCOUNTS = ["inventory", "inventory_in_transit"] as const;

// Owned besides the pool: outbound goods still ours (FOB destination) and returns
// awaiting inspection; inbound goods only under FOB shipping point (decided per PO).
const OWNED_ALWAYS = new Set<string>([...POOL_STATES, "OUTBOUND_TRANSIT", "RETURN_QC"]);
const PHYSICAL = new Set<string>(PHYSICAL_STATES);
const USABLE = new Set<string>(USABLE_STATES);
const COMMITTED = new Set<string>(COMMITTED_STATES);
const INCOMING = new Set<string>(INCOMING_STATES);

export function isOwned(position: { state: string; doc: string }, fobShippingPoint: ReadonlySet<string>): boolean {
  if (OWNED_ALWAYS.has(position.state)) return true;
  return position.state === "INBOUND_TRANSIT" && fobShippingPoint.has(position.doc);
}

/** The unit counts of every view over a set of positions (value is left at zero: it comes from the journal). */
export function totalsOf(positions: readonly PositionQty[], fobShippingPoint: ReadonlySet<string>): ViewTotals {
  const totals = { ...ZERO_TOTALS };
  for (const { state, doc, qty } of positions) {
    if (PHYSICAL.has(state)) totals.onHand += qty;
    if (USABLE.has(state)) totals.usable += qty;
    if (COMMITTED.has(state)) totals.committed += qty;
    if (state === ("AVAILABLE" satisfies State)) totals.available += qty;
    if (INCOMING.has(state)) totals.incoming += qty;
    if (isOwned({ state, doc }, fobShippingPoint)) totals.owned += qty;
  }
  return totals;
}

/** What a group of legs and journal lines does to each view. */
export function effectOf(legs: readonly TraceLeg[], lines: readonly TraceLine[], fobShippingPoint: ReadonlySet<string>): ViewTotals {
  const moved: PositionQty[] = legs.flatMap((leg) => [
    ...(leg.from ? [{ state: leg.from.state, doc: leg.from.doc, qty: -leg.qty }] : []),
    ...(leg.to ? [{ state: leg.to.state, doc: leg.to.doc, qty: leg.qty }] : []),
  ]);
  return { ...totalsOf(moved, fobShippingPoint), value: valueOf(lines) };
}

/** The inventory accounts' change: debits add value, credits take it out. */
export function valueOf(lines: readonly TraceLine[]): bigint {
  return lines
    .filter((line) => (VALUE_ACCOUNTS as readonly string[]).includes(line.account))
    .reduce((sum, line) => sum + line.debit - line.credit, 0n);
}

export function addTotals(a: ViewTotals, b: ViewTotals): ViewTotals {
  return {
    onHand: a.onHand + b.onHand,
    usable: a.usable + b.usable,
    committed: a.committed + b.committed,
    available: a.available + b.available,
    incoming: a.incoming + b.incoming,
    owned: a.owned + b.owned,
    value: a.value + b.value,
  };
}

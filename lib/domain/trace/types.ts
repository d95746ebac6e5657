// The shapes a SKU's trace is built from and answers with (inventory-model §1:
// one ledger, three views). Money is bigint cents inside the domain.
import type { Account } from "../finance/cost-state.ts";

export type TraceSide = { location: string; state: string; bin: string; doc: string };

/** One ledger row of a group: units moved from one position to another (memos move none). */
export type TraceLeg = { seq: number; qty: number; from: TraceSide | null; to: TraceSide | null; channel: string | null };

/** A journal line on one of the group's rows. */
export type TraceLine = { seq: number; account: Account; debit: bigint; credit: bigint; doc: string };

/** A position's units, as the views count them: only INBOUND_TRANSIT needs its document (the PO's FOB term). */
export type PositionQty = { state: string; doc: string; qty: number };

/**
 * The numbers each view shows for the SKU as a whole. `available` is the sales
 * view's sellable before safety stock (AVAILABLE): safety stock is policy, not an
 * event, so an event changes sellable exactly as it changes AVAILABLE.
 */
export type ViewTotals = {
  onHand: number;
  usable: number;
  committed: number;
  available: number;
  incoming: number;
  owned: number;
  /** inventory + inventory_in_transit, in cents. */
  value: bigint;
};

export type TraceGroupInput = {
  legs: TraceLeg[];
  lines: TraceLine[];
  /** Known totals before this group: a filtered trace skips events, so it restarts from them. */
  before?: ViewTotals;
};

export type TracedGroup<G extends TraceGroupInput> = G & { effect: ViewTotals; after: ViewTotals };

export const ZERO_TOTALS: ViewTotals = { onHand: 0, usable: 0, committed: 0, available: 0, incoming: 0, owned: 0, value: 0n };

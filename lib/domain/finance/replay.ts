// Rebuilding valuation from the ledger alone (inventory-model §8): every group in
// posting order through the same valueEvent, with the costs the ledger rows
// carry. What it gives must equal what posting stored.
import type { Leg } from "../positions.ts";
import { toMinor, UNIT_COST_SCALE } from "../money.ts";
import { emptyCostState, POOL_STATES, settledSeq, type CostingMethod, type CostState } from "./cost-state.ts";
import { valueEvent, type JournalEntry, type ValuationInput } from "./value-event.ts";

export type ReplayGroup = {
  group: string;
  type: string;
  /** The seq of each row, in order (a memo has one row and no legs). */
  seqs: number[];
  legs: Leg[];
  occurredAt: Date;
  data: Record<string, unknown>;
  reference: string | null;
  location: string | null;
  reversesGroup: string | null;
};

export type ReplayedLine = JournalEntry & { seq: number; group: string; occurredAt: Date };

export type Replay = { state: CostState; lines: ReplayedLine[] };

/** The standard cost a SKU started with: the first change's previous value, else the one it has now. */
export function initialStandardCost(groups: readonly ReplayGroup[], current: string | null): bigint | null {
  const first = groups.find((group) => group.type === "cost.change");
  const previous = first ? first.data.previous : current;
  return typeof previous === "string" && previous ? toMinor(previous, UNIT_COST_SCALE) : null;
}

/** A confirmed purchase order's cost and FOB term enter the cost state as posting stores them. */
export function notePurchaseOrder(state: CostState, group: ReplayGroup) {
  if (group.type !== "po.confirm") return;
  state.pos[group.reference ?? ""] = { unitCost: toMinor(String(group.data.unitCost), UNIT_COST_SCALE), fob: String(group.data.fob ?? "") || null };
}

/** `valueEvent`'s input for a ledger group: its rows' facts, with the group it reverses and the units in the pool before it. */
export function replayInput(
  group: ReplayGroup,
  reversed: { seqs: readonly number[]; poolOut: readonly bigint[]; reference: string | null } | undefined,
  poolUnits: Record<string, number>,
  newId: () => string,
): ValuationInput {
  const { type, legs, occurredAt, data, reference, location } = group;
  return { type, legs, occurredAt, data, reference, location, reversal: reversed, poolUnits: { ...poolUnits }, newId };
}

export function replayValuation(method: CostingMethod, standardCost: bigint | null, groups: readonly ReplayGroup[]): Replay {
  let state = emptyCostState(method, standardCost);
  const lines: ReplayedLine[] = [];
  const poolOut = new Map<string, bigint[]>();
  const byGroup = new Map(groups.map((group) => [group.group, group]));
  const poolUnits: Record<string, number> = {};
  const pooled = new Set<string>(POOL_STATES);
  for (const group of groups) {
    notePurchaseOrder(state, group);
    const original = group.reversesGroup ? byGroup.get(group.reversesGroup) : undefined;
    let n = 0;
    const reversed = original ? { seqs: original.seqs, poolOut: poolOut.get(original.group) ?? [], reference: original.reference } : undefined;
    const valuation = valueEvent(state, replayInput(group, reversed, poolUnits, () => `${group.group}:${n++}`));
    state = valuation.state;
    // A new layer's seq is its leg's row.
    for (const layer of state.layers) layer.seq = settledSeq(layer.seq, group.seqs);
    poolOut.set(group.group, valuation.poolOut);
    for (const leg of group.legs) {
      if (pooled.has(leg.from.state)) poolUnits[leg.from.location] = (poolUnits[leg.from.location] ?? 0) - leg.qty;
      if (pooled.has(leg.to.state)) poolUnits[leg.to.location] = (poolUnits[leg.to.location] ?? 0) + leg.qty;
    }
    for (const line of valuation.lines) {
      lines.push({ ...line, seq: group.seqs[Math.max(line.leg, 0)], group: group.group, occurredAt: group.occurredAt });
    }
  }
  return { state, lines };
}

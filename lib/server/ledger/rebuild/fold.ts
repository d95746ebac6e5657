// The valuation replay (lib/domain/finance/replay.ts) as a stream: groups arrive
// one at a time, interleaved across SKUs, and each gives what posting wrote for it
// (journal lines, layer moves, the layers it created or consumed). replayValuation
// returns only the final state and the lines, and clones every holding a SKU ever
// had on each event; here, as posting does (cost-context.ts), each event sees only
// the documents it names, so a year of order lines costs no more per event than a
// day's; and, as posting does, it values only the event types that can change
// value. tests/ledger/rebuild.test.ts holds the two replays equal.
import { createHash } from "node:crypto";
import { initialStandardCost, notePurchaseOrder, replayInput, type ReplayGroup } from "@/lib/domain/finance/replay";
import { emptyCostState, holdingKey, POOL_STATES, settledSeq, type CostingMethod, type CostState, type HoldingKind, type Layer } from "@/lib/domain/finance/cost-state";
import { valueEvent, type JournalEntry } from "@/lib/domain/finance/value-event";

const HOLDING_KINDS: readonly HoldingKind[] = ["po_transit", "line_transit", "line_customer", "rma", "rma_open"];
const POOLED = new Set<string>(POOL_STATES);

export type FoldedLine = JournalEntry & { seq: number; group: string; occurredAt: Date };
export type FoldedMove = { layerId: string; seq: number; occurredAt: Date; qty: number; value: bigint };
/** A layer as cost_layer holds it: created once, its qty_left/value_left changed by later issues. */
export type FoldedLayer = Omit<Layer, "id"> & { id: string };

/** What one group wrote: its journal lines and layer moves; the layers live in the SKU's fold. */
export type GroupResult = { lines: FoldedLine[]; moves: FoldedMove[] };

/** A group's own facts, kept only for groups that a later group reverses. */
type Reversible = { seqs: number[]; poolOut: bigint[]; reference: string | null };

/**
 * One SKU's valuation, folded group by group in posting order.
 * `reversed`: the groups some later group reverses (their poolOut is kept).
 */
export class SkuFold {
  state: CostState;
  /** Every layer ever written (open or consumed), by id. */
  readonly layers = new Map<string, FoldedLayer>();
  /** The last row of the last group that posting valued: cost_pool.last_seq. */
  lastValuedSeq: number | null = null;
  private readonly poolUnits: Record<string, number> = {};
  private readonly kept = new Map<string, Reversible>();

  constructor(
    method: CostingMethod,
    standard: bigint | null,
    private readonly reversed: ReadonlySet<string>,
    private readonly valued: ReadonlySet<string>,
  ) {
    this.state = emptyCostState(method, standard);
  }

  /** The standard cost a SKU started with, from its first cost change (if any) and its standard now. */
  static initialStandard(firstCostChange: ReplayGroup | undefined, current: string | null): bigint | null {
    return initialStandardCost(firstCostChange ? [firstCostChange] : [], current);
  }

  apply(group: ReplayGroup): GroupResult {
    const state = this.state;
    notePurchaseOrder(state, group);
    if (!this.valued.has(group.type)) {
      // Posting values only these types (VALUED_TYPES): the rest move units within the pool, or onto an order, and book nothing.
      this.track(group, group.legs.map(() => 0n));
      return { lines: [], moves: [] };
    }
    const original = group.reversesGroup ? this.kept.get(group.reversesGroup) : undefined;
    const docs = new Set<string>();
    for (const leg of group.legs) docs.add(leg.from.doc).add(leg.to.doc);
    if (group.reference) docs.add(group.reference);
    if (original?.reference) docs.add(original.reference);
    docs.delete("");
    // The event sees the pool, the open layers and the documents it names, as posting loads them.
    const slim: CostState = { ...state, holdings: {}, pos: {}, matches: {} };
    for (const doc of docs) {
      for (const kind of HOLDING_KINDS) {
        const key = holdingKey(kind, doc);
        if (state.holdings[key]) slim.holdings[key] = state.holdings[key];
      }
      if (state.pos[doc]) slim.pos[doc] = state.pos[doc];
      if (state.matches[doc]) slim.matches[doc] = state.matches[doc];
    }
    let n = 0;
    const valuation = valueEvent(slim, replayInput(group, original, this.poolUnits, () => layerId(group.group, n++)));
    const after = valuation.state;
    state.pool = after.pool;
    state.standardCost = after.standardCost;
    state.layers = after.layers;
    for (const key of valuation.touched.holdings) state.holdings[key] = after.holdings[key];
    for (const doc of valuation.touched.matches) state.matches[doc] = after.matches[doc];

    const seqOf = (leg: number) => group.seqs[Math.max(leg, 0)];
    const open = new Map(after.layers.map((layer) => [layer.id, layer]));
    const createdHere = new Set(valuation.layerMoves.filter((move) => move.qty > 0).map((move) => move.layerId));
    // A new layer's seq is its leg's row (the replay and posting both fix it so).
    for (const id of createdHere) {
      const layer = open.get(id);
      if (layer) layer.seq = settledSeq(layer.seq, group.seqs);
    }
    for (const move of valuation.layerMoves) {
      const layer = open.get(move.layerId);
      if (createdHere.has(move.layerId)) {
        // Posting writes a layer only while it holds units: one created and emptied by the same group has moves but no row.
        if (layer) this.layers.set(layer.id, { ...layer });
        continue;
      }
      const known = this.layers.get(move.layerId);
      if (known) {
        known.qtyLeft = layer?.qtyLeft ?? 0;
        known.valueLeft = layer?.valueLeft ?? 0n;
      }
    }
    this.track(group, valuation.poolOut);
    this.lastValuedSeq = group.seqs.at(-1) ?? this.lastValuedSeq;
    return {
      lines: valuation.lines.map((line) => ({ ...line, seq: seqOf(line.leg), group: group.group, occurredAt: group.occurredAt })),
      moves: valuation.layerMoves.map((move) => ({ layerId: move.layerId, seq: seqOf(move.leg), occurredAt: group.occurredAt, qty: move.qty, value: move.value })),
    };
  }

  /** Units in the pool per location (a cost change shares its revaluation by them), and what a later reversal needs. */
  private track(group: ReplayGroup, poolOut: bigint[]) {
    if (this.reversed.has(group.group)) this.kept.set(group.group, { seqs: group.seqs, poolOut, reference: group.reference });
    for (const leg of group.legs) {
      if (POOLED.has(leg.from.state)) this.poolUnits[leg.from.location] = (this.poolUnits[leg.from.location] ?? 0) - leg.qty;
      if (POOLED.has(leg.to.state)) this.poolUnits[leg.to.location] = (this.poolUnits[leg.to.location] ?? 0) + leg.qty;
    }
  }
}

/**
 * A rebuilt layer's id, stable across runs: live layers carry random ids, so the
 * rebuild matches them by (SKU, seq) and takes the live id where one exists.
 */
export function layerId(group: string, n: number): string {
  const hex = createHash("md5").update(`${group}:${n}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

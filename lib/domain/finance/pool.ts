// The pool's two moves: units leave it at their issue cost (FIFO: oldest layer
// first; average and standard: their share of the pool) and enter it at a cost
// (FIFO: a new layer; average: recomputed; standard: at standard).
import type { CostState, Layer } from "./cost-state.ts";
import { extendCents, shareOf, unitCostOf } from "./rounding.ts";

export type LayerMove = { layerId: string; qty: number; value: bigint };

/** FIFO order: the earliest receipt by business time, then by sequence. */
function byAge(a: Layer, b: Layer): number {
  return a.receivedAt.getTime() - b.receivedAt.getTime() || a.seq - b.seq;
}

/** The current cost of one unit: the newest FIFO layer, the running average, or the standard. */
export function currentUnitCost(state: CostState): bigint {
  if (state.method === "standard") return state.standardCost ?? state.pool.unitCost ?? 0n;
  if (state.method === "fifo") {
    const newest = [...state.layers].sort(byAge).at(-1);
    if (newest) return newest.unitCost;
  }
  return state.pool.unitCost ?? state.standardCost ?? 0n;
}

/**
 * Takes qty units out of the pool and returns their value and the layers they
 * came from. `prefer` names layers to take first (a reversal takes back the
 * layers its original created).
 */
export function issue(state: CostState, qty: number, prefer: ReadonlySet<number> = new Set()): { value: bigint; moves: LayerMove[] } {
  if (qty > state.pool.qty) throw new Error(`pool holds ${state.pool.qty} units; ${qty} cannot leave it`);
  const moves: LayerMove[] = [];
  let value: bigint;
  if (state.method === "fifo") {
    const order = [...state.layers].sort((a, b) => Number(prefer.has(b.seq)) - Number(prefer.has(a.seq)) || byAge(a, b));
    let left = qty;
    value = 0n;
    for (const layer of order) {
      if (left === 0) break;
      const take = Math.min(left, layer.qtyLeft);
      const taken = shareOf(layer.valueLeft, layer.qtyLeft, take);
      layer.qtyLeft -= take;
      layer.valueLeft -= taken;
      moves.push({ layerId: layer.id, qty: -take, value: -taken });
      value += taken;
      left -= take;
    }
    if (left > 0) throw new Error(`FIFO layers hold fewer units than the pool (${left} missing)`);
    state.layers = state.layers.filter((layer) => layer.qtyLeft > 0);
  } else {
    value = shareOf(state.pool.value, state.pool.qty, qty);
  }
  state.pool.qty -= qty;
  state.pool.value -= value;
  return { value, moves };
}

/** What issuing qty units would take out of the pool now, changing nothing. */
export function previewIssue(state: CostState, qty: number): bigint {
  const layers = state.layers.map((layer) => ({ ...layer }));
  const copy: CostState = { ...state, pool: { ...state.pool }, layers };
  return issue(copy, Math.min(qty, copy.pool.qty)).value;
}

/**
 * Puts qty units worth `value` into the pool. Under standard cost they enter at
 * standard and the difference is returned for the caller to book (purchase price
 * variance on a receipt, revaluation otherwise).
 */
export function enter(
  state: CostState,
  qty: number,
  value: bigint,
  layer: { id: string; seq: number; receivedAt: Date },
): { pooled: bigint; difference: bigint; moves: LayerMove[] } {
  const moves: LayerMove[] = [];
  let pooled = value;
  if (state.method === "standard" && state.standardCost !== null) pooled = extendCents(qty, state.standardCost);
  if (state.method === "fifo") {
    const created: Layer = { ...layer, unitCost: unitCostOf(value, qty), qtyIn: qty, valueIn: value, qtyLeft: qty, valueLeft: value };
    state.layers.push(created);
    moves.push({ layerId: created.id, qty, value });
  }
  state.pool.qty += qty;
  state.pool.value += pooled;
  if (state.method === "fifo") state.pool.unitCost = currentUnitCost(state);
  if (state.method === "average") state.pool.unitCost = unitCostOf(state.pool.value, state.pool.qty);
  return { pooled, difference: pooled - value, moves };
}

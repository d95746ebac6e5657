// The warehouse's physical truth (inventory-model §4), a formula over balances.
import { INTERNAL_STATES, PHYSICAL_STATES, USABLE_STATES, type InternalState, type State } from "./states.ts";

export type StateRow = { location: string; state: State; bin: string; qty: number };
export type StateCounts = Partial<Record<InternalState, number>>;

export type LocationView = { location: string; states: StateCounts; bins: { bin: string; states: StateCounts; onHand: number }[]; onHand: number; usable: number };
export type WarehouseView = { onHand: number; usable: number; locations: LocationView[] };

const physical = new Set<State>(PHYSICAL_STATES);
const usable = new Set<State>(USABLE_STATES);
const internal = new Set<State>(INTERNAL_STATES);

export function onHandOf(states: StateCounts): number {
  return PHYSICAL_STATES.reduce((total, state) => total + (states[state] ?? 0), 0);
}

export function usableOf(states: StateCounts): number {
  return USABLE_STATES.reduce((total, state) => total + (states[state] ?? 0), 0);
}

/**
 * The view of the locations named, each shown even when empty; without `locations`,
 * of every location where the SKU has a non-zero internal position.
 */
export function warehouseView(rows: readonly StateRow[], locations?: readonly string[]): WarehouseView {
  const byLocation = new Map<string, { states: StateCounts; bins: Map<string, StateCounts> }>(
    (locations ?? []).map((location) => [location, { states: {}, bins: new Map() }]),
  );
  for (const row of rows) {
    if (!internal.has(row.state) || row.qty === 0) continue;
    let entry = byLocation.get(row.location);
    if (!entry && !locations) byLocation.set(row.location, (entry = { states: {}, bins: new Map() }));
    if (!entry) continue;
    const state = row.state as InternalState;
    entry.states[state] = (entry.states[state] ?? 0) + row.qty;
    if (physical.has(state)) {
      const bin = entry.bins.get(row.bin) ?? {};
      bin[state] = (bin[state] ?? 0) + row.qty;
      entry.bins.set(row.bin, bin);
    }
  }
  // Named locations keep their order; found ones are sorted, and those that net to nothing dropped.
  const entries = locations
    ? [...byLocation.entries()]
    : [...byLocation.entries()].filter(([, entry]) => Object.values(entry.states).some((qty) => qty !== 0)).sort(([a], [b]) => a.localeCompare(b));
  const views = entries.map(([location, entry]): LocationView => ({
    location,
    states: withoutZeros(entry.states),
    bins: [...entry.bins.entries()]
      .map(([bin, states]) => ({ bin, states: withoutZeros(states), onHand: onHandOf(states) }))
      .filter((bin) => bin.onHand !== 0)
      .sort((a, b) => a.bin.localeCompare(b.bin)),
    onHand: onHandOf(entry.states),
    usable: usableOf(entry.states),
  }));
  return {
    onHand: views.reduce((total, view) => total + view.onHand, 0),
    usable: views.reduce((total, view) => total + view.usable, 0),
    locations: views,
  };
}

/** Movements that net out leave no trace in the view. */
function withoutZeros(states: StateCounts): StateCounts {
  return Object.fromEntries(Object.entries(states).filter(([, qty]) => qty !== 0));
}

export const isUsable = (state: State) => usable.has(state);

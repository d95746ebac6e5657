// One row of the stock grid: a SKU at one location, per state, with the
// warehouse's two figures (docs/model.md §8) and the units in transfer transit,
// which are shown at both ends but belong to neither's on hand.
import { onHandOf, usableOf, type StateCounts } from "../warehouse-view.ts";
import { INTERNAL_STATES, PHYSICAL_STATES, type InternalState } from "../states.ts";

export type StockCell = { state: string; qty: number };

export type StockGridRow = {
  sku: string;
  name: string;
  states: StateCounts;
  onHand: number;
  usable: number;
  /** TRANSFER_TRANSIT units on their way here. */
  transitIn: number;
  /** Units shipped from here on a transfer and not yet received at its target. */
  transitOut: number;
};

/** The columns of the grid: the states a unit can be in inside the building. */
export const GRID_STATES: readonly InternalState[] = PHYSICAL_STATES;

const internal = new Set<string>(INTERNAL_STATES);

export function stockGridRow(sku: string, name: string, cells: readonly StockCell[], transitOut = 0): StockGridRow {
  const states: StateCounts = {};
  for (const cell of cells) {
    if (!internal.has(cell.state) || cell.qty === 0) continue;
    const state = cell.state as InternalState;
    states[state] = (states[state] ?? 0) + cell.qty;
  }
  return { sku, name, states, onHand: onHandOf(states), usable: usableOf(states), transitIn: states.TRANSFER_TRANSIT ?? 0, transitOut };
}

/**
 * Units of a SKU the business holds across locations: on hand plus what is in
 * transfer transit, counted once (at the target). A transfer moves units
 * between the terms, never changes the total.
 */
export function networkUnits(rows: readonly Pick<StockGridRow, "onHand" | "transitIn">[]): number {
  return rows.reduce((total, row) => total + row.onHand + row.transitIn, 0);
}

// "Available" and available-to-promise, defined once (inventory-model §4).
import type { BalanceRow } from "./positions.ts";
import { COMMITTED_STATES, type State } from "./states.ts";

export type AtpInput = {
  available: number;
  safetyStock: number;
  /** Standing channel quotas at the location, by channel code. */
  fences: Record<string, number>;
  /** Units in RESERVED, PICKED and PACKED per channel code. */
  committed: Record<string, number>;
};

export function unconsumedFence(input: AtpInput, channel: string): number {
  return Math.max(0, (input.fences[channel] ?? 0) - (input.committed[channel] ?? 0));
}

/** May be negative: a shortfall is shown as one, never as a silent zero. */
export function atpToday(input: AtpInput, channel: string): number {
  const otherFences = Object.keys(input.fences)
    .filter((other) => other !== channel)
    .reduce((total, other) => total + unconsumedFence(input, other), 0);
  return input.available - input.safetyStock - otherFences;
}

const COMMITTED: ReadonlySet<State> = new Set(COMMITTED_STATES);

/** Builds the ATP input for one location from its balances. */
export function atpInputAt(
  rows: readonly BalanceRow[],
  location: string,
  policy: { safetyStock: number; fences: Record<string, number> },
): AtpInput {
  const committed: Record<string, number> = {};
  let available = 0;
  for (const row of rows) {
    if (row.location !== location) continue;
    if (row.state === "AVAILABLE") available += row.qty;
    if (row.channel && COMMITTED.has(row.state)) {
      committed[row.channel] = (committed[row.channel] ?? 0) + row.qty;
    }
  }
  return { available, safetyStock: policy.safetyStock, fences: policy.fences, committed };
}

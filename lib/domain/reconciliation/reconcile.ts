// A SKU's reconciliation: identities 1 and 2 per location and for the company
// (identity 1 per channel), identity 3 for the company — the pool is one per SKU
// across locations, so value has no per-location identity to check.
import type { LocationSupply } from "../sales/availability.ts";
import { AMOUNT_SCALE, toMinor } from "../money.ts";
import { EVENT_CAP, indexInflows } from "./attribution.ts";
import { timingGaps } from "./gaps.ts";
import type { Bucket, Gap, Identity, ReconciliationInput } from "./types.ts";
import { atpIdentity, ownedIdentity } from "./units.ts";
import { valueIdentity } from "./value.ts";

export type Reconciliation = { asOf: string; identities: Identity[]; gaps: Gap[] };

const emptySupply = (location: string): LocationSupply => ({ location, states: {}, committed: {}, safetyStock: 0, inspectionLeadDays: 0, fences: {}, incoming: [] });

export function reconcile(input: ReconciliationInput): Reconciliation {
  const index = indexInflows(input.inflows);
  const locations = [...new Set([
    ...Object.keys(input.onHand), ...Object.keys(input.owned), ...input.positions.map((p) => p.location), ...input.supplies.map((s) => s.location),
  ])].sort();
  const supplyAt = (location: string) => input.supplies.find((s) => s.location === location) ?? emptySupply(location);
  const perChannel = input.channels.map((channel) => {
    const rows = locations.map((l) => atpIdentity(l, channel, input.onHand[l] ?? 0, supplyAt(l), input.positions, index));
    return [rollUp(rows), ...rows];
  });
  const owned = locations.map((l) => ownedIdentity(l, input.owned[l] ?? 0, input.onHand[l] ?? 0, input.positions, index));
  return {
    asOf: input.asOf,
    identities: [...perChannel.flat(), rollUp(owned), ...owned, valueIdentity(input.value, input.positions, index)],
    gaps: timingGaps(input.positions, index, input.grni, input.asOf),
  };
}

/** The company's line: each side and bucket summed over locations, events merged. */
export function rollUp(rows: readonly Identity[]): Identity {
  const first = rows[0];
  const buckets = new Map<string, Bucket>();
  for (const b of rows.flatMap((row) => row.buckets)) {
    const seen = buckets.get(b.bucket);
    if (!seen) {
      buckets.set(b.bucket, { ...b, events: [...b.events] });
      continue;
    }
    seen.qty = (seen.qty ?? 0) + (b.qty ?? 0);
    seen.events = [...new Set([...seen.events, ...b.events])].slice(0, EVENT_CAP);
    seen.eventCount += b.eventCount;
    seen.more ||= b.more;
    seen.since = [seen.since, b.since].filter((s): s is string => s !== null).sort()[0] ?? null;
  }
  const total = (pick: (row: Identity) => number | string) => rows.reduce((t, row) => t + Number(pick(row)), 0);
  return {
    ...first,
    location: null,
    left: total((r) => r.left),
    right: total((r) => r.right),
    buckets: [...buckets.values()].filter((b) => b.qty !== 0),
    unexplained: total((r) => r.unexplained),
  };
}

/** Zero, for either a unit count or an amount. */
export function isZero(value: number | string): boolean {
  return typeof value === "number" ? value === 0 : toMinor(value, AMOUNT_SCALE) === 0n;
}

export const unexplainedAnywhere = (identities: readonly Identity[]) => identities.some((i) => !isZero(i.unexplained));

// Which events put a position's units there: its newest inflows, taken until they
// cover the units now in it (units leave oldest first in the reader's mind, so the
// newest arrivals are what remains). Exact when nothing was taken out of order;
// always a fair pointer to where to look.
import type { Inflow, Position, Trail } from "./types.ts";

/** At most this many ids per bucket; the count says how many there are. */
export const EVENT_CAP = 20;

export const positionKey = (p: { location: string; state: string; channel: string; doc: string }) => `${p.location}|${p.state}|${p.channel}|${p.doc}`;

export function indexInflows(inflows: readonly Inflow[]): Map<string, Inflow[]> {
  const index = new Map<string, Inflow[]>();
  for (const inflow of inflows) {
    const key = positionKey(inflow);
    index.set(key, [...(index.get(key) ?? []), inflow]);
  }
  // Newest first, whatever order they came in.
  for (const list of index.values()) list.sort((a, b) => b.at.localeCompare(a.at) || a.id.localeCompare(b.id));
  return index;
}

type Covered = { taken: Inflow[]; more: boolean };

function cover(position: Position, index: Map<string, Inflow[]>): Covered {
  const taken: Inflow[] = [];
  let left = position.qty;
  for (const inflow of index.get(positionKey(position)) ?? []) {
    if (left <= 0) break;
    taken.push(inflow);
    left -= inflow.qty;
  }
  return { taken, more: left > 0 };
}

/** The trail of a set of positions (one bucket). */
export function trailOf(positions: readonly Position[], index: Map<string, Inflow[]>): Trail {
  const covered = positions.filter((p) => p.qty > 0).map((p) => cover(p, index));
  // Newest first; events at the same instant in a fixed order, whatever order the positions came in.
  const taken = covered.flatMap((c) => c.taken).sort((a, b) => b.at.localeCompare(a.at) || a.id.localeCompare(b.id));
  const ids = [...new Set(taken.map((inflow) => inflow.id))];
  return {
    events: ids.slice(0, EVENT_CAP),
    eventCount: ids.length,
    more: covered.some((c) => c.more),
    since: taken.length ? taken[taken.length - 1].at : null,
  };
}

export const NO_TRAIL: Trail = { events: [], eventCount: 0, more: false, since: null };

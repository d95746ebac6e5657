// A position is where units sit: (location, state, bin, document, channel).
import { BINNED_STATES, CHANNEL_STATES, DOC_STATES, isExternal, type State } from "./states.ts";

export type Position = { location: string; state: State; bin: string; doc: string; channel: string };
export type BalanceRow = Position & { qty: number };
export type Leg = { from: Position; to: Position; qty: number };

/**
 * Drops the dimensions a state does not carry, so equal positions have equal keys.
 * External positions are sources and sinks with no dimensions, except the
 * customer's, which keeps the order line its units went out on: a return can
 * bring back no more than that line left at the customer.
 */
export function position(location: string, state: State, parts: Partial<Omit<Position, "location" | "state">> = {}): Position {
  if (isExternal(state)) return { location, state, bin: "", doc: state === "CUSTOMER" ? (parts.doc ?? "") : "", channel: "" };
  const binned = (BINNED_STATES as readonly State[]).includes(state);
  const withDoc = (DOC_STATES as readonly State[]).includes(state);
  const withChannel = (CHANNEL_STATES as readonly State[]).includes(state);
  return {
    location,
    state,
    bin: binned ? (parts.bin ?? "") : "",
    doc: withDoc ? (parts.doc ?? "") : "",
    channel: withChannel ? (parts.channel ?? "") : "",
  };
}

export function positionKey(p: Position): string {
  return [p.location, p.state, p.bin, p.doc, p.channel].join("|");
}

export type Match = Partial<Position> & { state: State; location: string };

/** Whether the row is at the match's position in every dimension the match names. */
export function matches(row: Position, match: Match): boolean {
  return (
    row.location === match.location && row.state === match.state &&
    (match.bin === undefined || row.bin === match.bin) &&
    (match.doc === undefined || row.doc === match.doc) &&
    (match.channel === undefined || row.channel === match.channel)
  );
}

export function sumQty(rows: readonly BalanceRow[], match: Match): number {
  let total = 0;
  for (const row of rows) if (matches(row, match)) total += row.qty;
  return total;
}

/** Whether two positions are the same place (what equal `positionKey`s say, without building them). */
export function samePosition(a: Position, b: Position): boolean {
  return a.location === b.location && a.state === b.state && a.bin === b.bin && a.doc === b.doc && a.channel === b.channel;
}

/**
 * A position holding `qty`, named field by field: a spread followed by another
 * field takes V8's slow path (about a microsecond a field), and this runs for
 * every leg planned and every balance read.
 */
export function balanceRow(position: Position, qty: number): BalanceRow {
  return { location: position.location, state: position.state, bin: position.bin, doc: position.doc, channel: position.channel, qty };
}

/**
 * Applies legs to balances: the projection rule, shared by the service's checks and
 * the chained planning. A new array; the rows the legs touch are new rows, the
 * others are the same objects (a SKU keeps many positions and an event touches two).
 */
export function applyLegs(rows: readonly BalanceRow[], legs: readonly Leg[]): BalanceRow[] {
  const out = rows.slice();
  for (const { position, delta } of netByPosition(legs).values()) {
    const index = out.findIndex((row) => samePosition(row, position));
    if (index === -1) out.push(balanceRow(position, delta));
    else out[index] = balanceRow(out[index], out[index].qty + delta);
  }
  return out;
}

/** Positions that may never hold less than zero: every internal one, and what an order line left at the customer. */
export function isBounded(p: Position): boolean {
  return !isExternal(p.state) || (p.state === "CUSTOMER" && p.doc !== "");
}

/** The net change legs make per position, keyed by position. */
export function netByPosition(legs: readonly Leg[]): Map<string, { position: Position; delta: number }> {
  const net = new Map<string, { position: Position; delta: number }>();
  for (const leg of legs) {
    for (const [pos, delta] of [[leg.from, -leg.qty], [leg.to, leg.qty]] as const) {
      const key = positionKey(pos);
      const entry = net.get(key) ?? { position: pos, delta: 0 };
      entry.delta += delta;
      net.set(key, entry);
    }
  }
  return net;
}

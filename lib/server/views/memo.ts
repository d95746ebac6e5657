import "server-only";
import { sql, db as pooled, type Db } from "@/lib/server/sql";

// Whole-catalogue figures (every SKU's valuation, reconciliation, queues, the
// overview's checks) cost a scan of the big tables however little has changed.
// A screen asks for them far more often than anything commits, so each process
// keeps the last answers and serves them while the database is provably in the
// same state they were computed in.
//
// The state is PostgreSQL's commit horizon, `pg_current_snapshot()`: its text
// (xmin:xmax:in-progress list) changes with every transaction that commits or
// aborts with writes, of any kind, and with nothing else. So an answer is only
// reused while nothing at all has been written, and is never older than what
// the reader could see: an event, a policy, a price, a closed period each end
// every kept answer. Answers computed across a commit are not kept.
//
// "Now" moves without a commit, too: an event may be dated up to a few minutes
// ahead, so an answer as of now stays good only until the next event's moment.

type Entry = { value: Promise<unknown>; validUntil: number };
type State = { snapshot: string; entries: Map<string, Entry> };

/** Distinct answers kept for one database state (pages, searches, moments); the least recently used go first. */
const MAX_ENTRIES = 500;

const globalForMemo = globalThis as unknown as { concordViewMemo?: Map<string, State> };
const states = (globalForMemo.concordViewMemo ??= new Map());

type Horizon = { snapshot: string; next: Date | null };

async function horizon(db: Db, now: Date): Promise<Horizon> {
  const [row] = await db.query<Horizon>(sql`
    SELECT pg_current_snapshot()::text AS snapshot, (SELECT min(occurred_at) FROM ledger_event WHERE occurred_at > ${now}) AS next`);
  return row;
}

/**
 * `compute()`'s answer for `key` (a name and the arguments that shape the answer,
 * including any coarse "now" it depends on, as a week), shared by every caller
 * in this state of the database, including callers arriving while it is being
 * computed. `until`, if given, says when an answer stops being right as time
 * passes (a moment it compared with now). Only reads through the pool are
 * kept: inside a transaction a caller may see its own writes, which no one else
 * can. Each caller gets its own copy.
 */
export async function memo<T>(db: Db, key: readonly unknown[], compute: () => Promise<T>, until?: (value: T) => number): Promise<T> {
  return structuredClone(await kept(db, key, compute, until));
}

/**
 * As memo, but every caller gets the kept answer itself, without the copy: for
 * whole lists a view only filters, slices and maps into new rows, where a copy
 * of thousands of rows would cost more than the rest of the request.
 */
export function memoShared<T>(db: Db, key: readonly unknown[], compute: () => Promise<T>): Promise<Readonly<T>> {
  return kept(db, key, compute);
}

async function kept<T>(db: Db, key: readonly unknown[], compute: () => Promise<T>, until?: (value: T) => number): Promise<T> {
  if (db !== pooled) return compute();
  const now = new Date();
  const before = await horizon(db, now);
  let state = states.get(db.key);
  if (state?.snapshot !== before.snapshot) {
    state = { snapshot: before.snapshot, entries: new Map() };
    states.set(db.key, state);
  }
  const entries = state.entries;
  const id = JSON.stringify(key);
  const found = entries.get(id);
  if (found && now.getTime() < found.validUntil) {
    // Used again: it goes to the back of the line, so the answers in use stay and the ones no one asks for go.
    entries.delete(id);
    entries.set(id, found);
    return (await found.value) as T;
  }

  const entry: Entry = { value: Promise.resolve(), validUntil: before.next ? new Date(before.next).getTime() : Infinity };
  const forget = () => {
    if (entries.get(id) === entry) entries.delete(id);
  };
  entry.value = (async () => {
    try {
      const value = await compute();
      if (until) entry.validUntil = Math.min(entry.validUntil, until(value));
      // Something committed while it was read: the answer is right for this caller, but not a state to keep.
      if ((await horizon(db, new Date())).snapshot !== before.snapshot) forget();
      return value;
    } catch (error) {
      forget();
      throw error;
    }
  })();
  entries.delete(id);
  entries.set(id, entry);
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  return (await entry.value) as T;
}

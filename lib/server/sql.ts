import "server-only";
import { createHash } from "node:crypto";
import pg from "pg";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/domain/errors";
import { NUL_DETAIL } from "@/lib/domain/nul";
import { readUrl } from "@/lib/server/read-replica";
import { noteCommitted, routeRead } from "@/lib/server/read-route";

// The ledger's hot path talks to PostgreSQL through `pg` directly: one round trip
// per statement, a fraction of an ORM's overhead (see README, Performance). The
// Prisma client shares this pool for everything else.

export type Sql = { readonly strings: readonly string[]; readonly values: readonly unknown[] };
const SQL = Symbol("sql");
type Fragment = Sql & { readonly [SQL]: true };

function isFragment(value: unknown): value is Fragment {
  return typeof value === "object" && value !== null && SQL in value;
}

/** A parameterised statement; nested `sql` fragments are spliced, everything else is a parameter. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Fragment {
  const outStrings: string[] = [strings[0]];
  const outValues: unknown[] = [];
  values.forEach((value, index) => {
    if (isFragment(value)) {
      outStrings[outStrings.length - 1] += value.strings[0];
      value.strings.slice(1).forEach((part, i) => {
        outValues.push(value.values[i]);
        outStrings.push(part);
      });
      outStrings[outStrings.length - 1] += strings[index + 1];
    } else {
      outValues.push(typeof value === "bigint" ? value.toString() : value);
      outStrings.push(strings[index + 1]);
    }
  });
  return { strings: outStrings, values: outValues, [SQL]: true };
}

export const empty: Fragment = { strings: [""], values: [], [SQL]: true };

const FRESH = Symbol("fresh");

/**
 * A statement planned each time it runs instead of once per connection. For the
 * rare ledger reads that find rows by something other than SKU and time (an event
 * group, a sequence number): every monthly partition answers them, and a plan kept
 * from when a partition was empty reads it whole through whatever index came first
 * once it fills, until autovacuum analyses it. Planning costs about a millisecond.
 */
export function fresh(statement: Fragment): Fragment {
  return Object.assign({ [FRESH]: true }, statement);
}

/** A statement's text as it is sent, its values as $1, $2, … */
export function text(statement: Sql): string {
  return statement.strings.reduce((out, part, i) => (i === 0 ? part : `${out}$${i}${part}`), "");
}

/**
 * A connection (or pool) that runs statements; `key` names the database it reaches.
 * Inside `transaction()`, `beforeCommit` queues a statement that leaves together
 * with COMMIT (one round trip, in the order queued: the ledger's NOTIFY, then the
 * idempotency record's answer); if any fails, nothing commits. `alongside` sends a
 * statement at once without its caller waiting for the answer: COMMIT waits for it
 * instead (a batch's NOTIFYs, handled between its writes rather than at the end).
 */
export type Db = {
  readonly key: string;
  query<T>(statement: Sql): Promise<T[]>;
  beforeCommit?: (statement: Sql) => void;
  alongside?: (statement: Sql) => void;
};

const globalForPool = globalThis as unknown as { concordPool?: { url: string; pool: pg.Pool } };

// int8 (sequence numbers, counts) as JS numbers: they stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// A `date` (balance_day.day) stays its "YYYY-MM-DD" text: pg would make it local
// midnight, a different UTC day east of UTC. Business days are UTC (lib/domain/periods.ts).
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

/**
 * The pool's settings.
 *
 * Pipeline mode: statements issued together (BEGIN and a transaction's first
 * statement; a Promise.all of reads) leave in one write and share one round trip.
 *
 * Sessions run in UTC whatever the server's `timezone` setting: Prisma's pg adapter
 * reads a timestamptz as if its offset were +00:00, so any other zone shifts every
 * time it reads (business days are UTC too, lib/domain/periods.ts).
 *
 * A database that stops answering (frozen, or cut off without the connection
 * closing) must not hold requests forever: a connection not made within
 * `connectMs`, or a statement unanswered for `queryMs`
 * (DATABASE_QUERY_TIMEOUT_MS), fails, and the request answers 503, to be retried
 * with its idempotency key. A timed-out statement's connection is closed (its
 * pipeline cannot resume): what its transaction had begun rolls back, or its
 * COMMIT had landed and the retry replays the stored answer.
 */
export function poolConfig(url: string, queryMs = env().DATABASE_QUERY_TIMEOUT_MS, connectMs = 10_000): pg.PoolConfig {
  return {
    connectionString: url, max: 20, pipeline: true, options: "-c TimeZone=UTC",
    connectionTimeoutMillis: connectMs, ...(queryMs ? { query_timeout: queryMs } : {}),
  };
}

/** One pool per process and database URL. */
export function pool(): pg.Pool {
  const url = env().DATABASE_URL;
  const cached = globalForPool.concordPool;
  if (cached?.url === url) return cached.pool;
  const created = new pg.Pool(poolConfig(url));
  created.on("error", (error) => console.error("[db] idle client error", error));
  globalForPool.concordPool = { url, pool: created };
  keepPartitionsAhead(created);
  return created;
}

// The ledger's monthly partitions (migration 20261127160000_ledger_partitions): last
// month, this month and the next two exist once a process has started, and again
// each day it runs. No more: a read not bounded in time is planned against every
// partition, empty or not (migration 20261127190000_ledger_partitions_ahead). Rows
// of a month without its partition land in the default partition, so this only
// keeps reads pruned; it never blocks a write for long (lock_timeout) and a
// failure waits for the next try.
const PARTITIONS_EVERY_MS = 24 * 60 * 60 * 1000;
function keepPartitionsAhead(target: pg.Pool) {
  const run = async () => {
    const client = await target.connect().catch(() => null);
    if (!client) return;
    let failed: Error | undefined;
    try {
      await client.query("BEGIN");
      await client.query("SET LOCAL lock_timeout = '2s'");
      await client.query("SELECT ledger_event_add_partitions(now() - interval '1 month', 4)");
      await client.query("COMMIT");
    } catch (error) {
      failed = error instanceof Error ? error : new Error(String(error));
      await client.query("ROLLBACK").catch(() => {});
      const code = (error as { code?: string }).code ?? "";
      // Not migrated yet, or the database went away (tests drop theirs): nothing to keep.
      if (code && code !== "42883" && code !== "3D000" && !code.startsWith("57P") && !code.startsWith("08")) {
        console.warn("[db] could not add ledger partitions ahead; will try again", failed.message);
      }
    } finally {
      client.release(failed);
    }
  };
  void run();
  setInterval(() => void run(), PARTITIONS_EVERY_MS).unref();
}

// Statements are prepared once per connection under a name derived from their
// text, so PostgreSQL plans the ledger's few statement shapes once, not per event.
// Only template text goes into the name; values never do, so the set stays small.
const names = new Map<string, string>();
function nameOf(sqlText: string): string {
  let name = names.get(sqlText);
  if (!name) {
    name = `concord_${createHash("sha1").update(sqlText).digest("hex").slice(0, 16)}`;
    names.set(sqlText, name);
  }
  return name;
}

const corked = new WeakSet<object>();
/**
 * Statements a transaction issues in one tick (BEGIN with its first statement, a
 * group's locks and claims, the final statements with COMMIT) leave in one write:
 * the connection's socket is corked until the tick ends. Each statement would
 * otherwise be a system call of its own.
 */
function corkForTick(client: pg.Pool | pg.ClientBase) {
  const stream = (client as { connection?: { stream?: { cork?: () => void; uncork?: () => void } } }).connection?.stream;
  if (!stream?.cork || !stream.uncork || corked.has(stream)) return;
  stream.cork();
  corked.add(stream);
  process.nextTick(() => {
    corked.delete(stream);
    stream.uncork?.();
  });
}

/**
 * Waits for this turn of the event loop to end, so statements issued in it leave
 * (their socket is corked until then) before the caller goes on working: what is
 * sent is written by PostgreSQL while the caller prepares what comes next.
 */
export function letStatementsLeave(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Wraps a pg pool or client; scripts with a connection of their own use it too. */
export function clientDb(client: pg.Pool | pg.ClientBase, key: string): Db {
  return {
    key,
    query: async <T>(statement: Sql) => {
      if (statement.values.some((value) => typeof value === "string" && value.includes("\0"))) {
        // PostgreSQL text cannot hold U+0000: whatever path it came by, it is bad input.
        throw new DomainError("invalid_input", NUL_DETAIL);
      }
      const sqlText = text(statement);
      const name = FRESH in statement ? undefined : nameOf(sqlText);
      corkForTick(client);
      try {
        return (await client.query({ name, text: sqlText, values: statement.values as unknown[] })).rows as T[];
      } catch (error) {
        throw (error as { code?: unknown } | null)?.code === "22003" ? outOfRange() : error;
      }
    },
  };
}

/**
 * PostgreSQL's numeric_value_out_of_range: a balance or sum past its column's type
 * (quantities are 4-byte integers). The input's magnitudes are to blame, not the
 * server: a refusal of the event or request (its transaction rolls back), never a 500.
 */
function outOfRange(): DomainError {
  return new DomainError(
    "conflict",
    "This would take a number past what Concord stores: a quantity or balance of at most 2,147,483,647 units, an amount of at most 18 digits before the decimal point. Nothing was applied.",
  );
}

/**
 * Reads outside a transaction. With DATABASE_READ_URL set, a plain read goes to the
 * replica when it has every event the reader has seen (lib/server/read-route.ts);
 * writes and everything else go to the primary.
 */
export const db: Db = {
  get key() {
    return env().DATABASE_URL;
  },
  query: <T>(statement: Sql) => routeRead(text(statement), pool(), (target) => clientDb(target, env().DATABASE_URL).query<T>(statement)),
};

/** Reads that must see the primary whatever the reader has seen (the live stream's catch-up). */
export const primaryDb: Db = {
  get key() {
    return env().DATABASE_URL;
  },
  query: (statement) => clientDb(pool(), env().DATABASE_URL).query(statement),
};

// Ledger transactions plan each statement shape once per connection (a generic
// plan: planning against every monthly partition of the ledger costs several times
// running it), and those plans must not depend on how large the tables were when
// they were made: a plan made while a partition was empty would scan it whole for
// as long as the connection lives. Every statement on this path reads by key, so
// sequential scans are off: an index is used wherever one applies, at any size.
// The close, which reads whole months, asks for plans of its own (close-period.ts).
// BEGIN and the settings leave as one message (the simple protocol runs several statements at once).
export const LEDGER_SETTINGS = "SET LOCAL plan_cache_mode = force_generic_plan; SET LOCAL enable_seqscan = off";
const BEGIN_LEDGER = `BEGIN; ${LEDGER_SETTINGS}`;

/** One transaction on one connection: committed if `work` resolves, rolled back if it throws. */
export async function transaction<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const client = await pool().connect();
  const inner = clientDb(client, env().DATABASE_URL);
  // A connection whose state is unknown (it failed while lent out, ROLLBACK failed,
  // or COMMIT broke off) is handed back with the error, so the pool closes it
  // instead of lending it again. A failure while lent out reports here rather than
  // as an unhandled 'error' event, which would end the process.
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken ??= error;
  };
  client.on("error", onError);
  let begun = false;
  const last: Sql[] = [];
  const sent: Promise<unknown>[] = [];
  // With a replica, the highest ledger seq this transaction wrote becomes its
  // reader's floor once it commits (read-your-writes, lib/server/read-route.ts).
  const tracking = readUrl() !== undefined;
  let wroteSeq = 0;
  const track = <T>(statement: Sql, rows: T[]): T[] => {
    if (tracking && statement.strings.some((part) => part.includes("INSERT INTO ledger_event"))) {
      // A row's `seq`, or the `seqs` a set-wise write (write.ts) numbered its rows with.
      for (const row of rows) {
        const { seq, seqs } = row as { seq?: unknown; seqs?: unknown };
        for (const value of [seq, ...(Array.isArray(seqs) ? seqs : [])]) {
          const n = Number(value);
          if (Number.isSafeInteger(n) && n > wroteSeq) wroteSeq = n;
        }
      }
    }
    return rows;
  };
  // BEGIN is sent together with the first statement (pipelined, see pool()): one
  // round trip fewer on every ledger write. PostgreSQL runs them in order.
  const tx: Db = {
    key: inner.key,
    query: async <T>(statement: Sql) => {
      if (!begun) {
        begun = true;
        corkForTick(client);
        const [, rows] = await Promise.all([client.query(BEGIN_LEDGER), inner.query<T>(statement)]);
        return track(statement, rows);
      }
      return track(statement, await inner.query<T>(statement));
    },
    beforeCommit: (statement) => {
      last.push(statement);
    },
    alongside: (statement) => {
      const answered = tx.query(statement);
      answered.catch(() => {}); // awaited with COMMIT; a failure aborts the transaction, and COMMIT reports it
      sent.push(answered);
    },
  };
  try {
    const result = await work(tx);
    if (begun) {
      // The queued statements and COMMIT leave together. Should one fail, the
      // transaction is aborted and PostgreSQL answers COMMIT with ROLLBACK: the first
      // error rejects here, and nothing was committed.
      const finals = last.map((statement) => inner.query(statement)); // sent first: they must run inside the transaction
      const committing = client.query("COMMIT").catch((error: unknown) => {
        broken = error instanceof Error ? error : new Error(String(error));
        throw error;
      });
      const [commit] = await Promise.all([committing, ...finals, ...sent]);
      if (commit.command !== "COMMIT") throw new Error(`COMMIT answered ${commit.command}`);
      // Committed: whatever happens to the read floor, the transaction stands.
      if (tracking) await noteCommitted(wroteSeq).catch((error: unknown) => console.warn("[db] read floor not recorded", error));
    }
    return result;
  } catch (error) {
    if (begun && !broken) {
      await client.query("ROLLBACK").catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
    }
    throw error;
  } finally {
    client.off("error", onError);
    client.release(broken);
  }
}

/** Closes the pool (tests and scripts that drop or leave their database). */
export async function closePool(): Promise<void> {
  const cached = globalForPool.concordPool;
  globalForPool.concordPool = undefined;
  await cached?.pool.end();
}

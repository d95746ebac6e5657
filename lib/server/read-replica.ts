import "server-only";
import pg from "pg";
import { poolConfig } from "@/lib/server/sql";

// The read replica (DATABASE_READ_URL): its pool, whether it can serve a reader
// that has seen event #N, and whether a statement may run there at all.
// lib/server/read-route.ts decides per request; see docs/operations.md.

/** The replica's URL, or undefined when every read goes to the primary. */
export function readUrl(): string | undefined {
  const url = process.env.DATABASE_READ_URL?.trim();
  if (!url) return undefined;
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error("DATABASE_READ_URL must be a postgresql:// URL");
  return url;
}

type ReplicaState = {
  url: string;
  pool: pg.Pool;
  /** Seqs seen present on the replica. Replay only moves forward, so a seq once present stays present. */
  present: Set<number>;
  /** Seqs found absent, until when that answer is trusted. */
  absent: Map<number, number>;
  checking: Map<number, Promise<boolean>>;
  downUntil: number;
};

const globalForReplica = globalThis as unknown as { concordReplica?: ReplicaState };

/** How long an absent seq or an unreachable replica sends reads to the primary before asking again. */
export const ABSENT_MS = 5;
export const DOWN_MS = 2_000;
const PRESENT_KEPT = 4_096;

function state(url: string): ReplicaState {
  const cached = globalForReplica.concordReplica;
  if (cached?.url === url) return cached;
  // The URL changed (tests do): the old pool's connections are closed, not orphaned.
  void cached?.pool.end().catch(() => {});
  // The primary's settings (lib/server/sql.ts), with a short connect timeout: an
  // unreachable replica must cost a request little.
  const pool = new pg.Pool(poolConfig(url, undefined, 2_000));
  pool.on("error", (error) => console.error("[db] idle replica client error", error));
  const created: ReplicaState = { url, pool, present: new Set(), absent: new Map(), checking: new Map(), downUntil: 0 };
  globalForReplica.concordReplica = created;
  return created;
}

/** The replica's pool (DATABASE_READ_URL must be set). */
export function replicaPool(): pg.Pool {
  const url = readUrl();
  if (!url) throw new Error("DATABASE_READ_URL is not set");
  return state(url).pool;
}

export function replicaIsDown(): boolean {
  const url = readUrl();
  return !url || state(url).downUntil > Date.now();
}

/** After a connection failure or a recovery conflict: reads go to the primary for a while. */
export function markReplicaDown(error: unknown): void {
  const url = readUrl();
  if (!url) return;
  const replica = state(url);
  if (replica.downUntil <= Date.now()) console.warn(`[db] read replica unavailable, reading the primary for ${DOWN_MS} ms:`, error instanceof Error ? error.message : error);
  replica.downUntil = Date.now() + DOWN_MS;
}

/** Errors after which the same read is retried on the primary: the replica is unreachable, restarting or cancelled the read to replay. */
export function isReplicaFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  // No SQLSTATE: a socket error (ECONNREFUSED, ETIMEDOUT) or a lost connection.
  if (typeof code !== "string" || !/^[0-9A-Z]{5}$/.test(code)) return true;
  // Connection exceptions, shutdown, a read cancelled by a recovery conflict, too many connections, a write refused as read-only.
  return code.startsWith("08") || code.startsWith("57P") || code === "40001" || code === "53300" || code === "25006";
}

/**
 * Whether the replica has replayed event #seq. PostgreSQL replays commits in
 * commit order, so a replica that has #seq has everything that committed before
 * it. A higher max(seq) would not do: seqs are taken at insert, so #seq+1 can
 * commit (and replay) before #seq.
 */
export async function replicaHas(seq: number): Promise<boolean> {
  const url = readUrl();
  if (!url) return false;
  const replica = state(url);
  if (seq <= 0 || replica.present.has(seq)) return true;
  const absentUntil = replica.absent.get(seq);
  if (absentUntil !== undefined && absentUntil > Date.now()) return false;
  let checking = replica.checking.get(seq);
  if (!checking) {
    checking = replica.pool
      .query<{ present: boolean }>({ name: "concord_replica_has_seq", text: "SELECT EXISTS (SELECT 1 FROM ledger_event WHERE seq = $1) AS present", values: [seq] })
      .then(({ rows }) => {
        const present = rows[0]?.present === true;
        if (present) {
          if (replica.present.size >= PRESENT_KEPT) replica.present.clear();
          replica.present.add(seq);
          replica.absent.delete(seq);
        } else {
          if (replica.absent.size >= PRESENT_KEPT) replica.absent.clear();
          replica.absent.set(seq, Date.now() + ABSENT_MS);
        }
        return present;
      })
      .finally(() => replica.checking.delete(seq));
    replica.checking.set(seq, checking);
  }
  return checking;
}

// Statements that change something, lock, or have side effects never go to the replica.
const WRITES = /\b(insert|update|delete|merge|truncate|copy|call|do|lock|notify|listen|nextval|setval|pg_advisory\w*|pg_try_advisory\w*|pg_notify|set_config|txid_current|pg_current_xact_id|ledger_event_add_partitions?)\b|\bfor\s+(no\s+key\s+update|key\s+share|share)\b/i;
// Sign-in, sessions, tokens and idempotency records: read where they are written, so
// a session just created is found, one just ended is refused at once, and a replayed
// request finds its answer.
const PRIMARY_ONLY = /\b(user_session|api_token|sign_in_failure|idempotency_record|password_hash)\b/i;

/**
 * Where a statement may run: "replica" for a plain read of view data; "primary"
 * for sign-in, session, token and idempotency state, read and written where it is
 * current; "write" for any other write, lock or side effect.
 */
export function statementKind(text: string): "replica" | "primary" | "write" {
  const body = text.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, " ").trimStart().replace(/^\(+\s*/, "");
  if (PRIMARY_ONLY.test(body)) return "primary";
  if (!/^(select|with)\b/i.test(body) || WRITES.test(body)) return "write";
  return "replica";
}

/** Closes the replica pool (tests and scripts). */
export async function closeReplicaPool(): Promise<void> {
  const cached = globalForReplica.concordReplica;
  globalForReplica.concordReplica = undefined;
  await cached?.pool.end();
}

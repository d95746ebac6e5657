import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type pg from "pg";
import { isReplicaFailure, markReplicaDown, readUrl, replicaHas, replicaIsDown, replicaPool, statementKind } from "@/lib/server/read-replica";
import { SEQ_COOKIE, SEQ_COOKIE_MAX_AGE } from "@/lib/read-floor";

// Read-your-writes by event sequence. A reader carries the highest ledger seq it
// has seen: the `concord_seq` cookie (set when its own writes are answered, and by
// the browser when the live stream delivers a seq: components/live/live-provider.tsx)
// or the `Concord-Min-Seq` header (API clients). A read goes to the replica only when the replica has that event;
// otherwise, or when it is unreachable, to the primary. One request reads one side:
// once it read the primary (or wrote) it stays there, so a page never shows an
// "as of event #N" from one side over data from the other.

export const MIN_SEQ_HEADER = "concord-min-seq";

type Side = "primary" | "replica";
type Reader = { floor: number; side?: Side; cookie: boolean };

const readers = new AsyncLocalStorage<Reader>();
/** Next.js request scopes, keyed by the request's own headers object. */
const requests = new WeakMap<object, Reader>();

function seqOf(value: string | null | undefined): number {
  const seq = Number(value ?? "");
  return Number.isSafeInteger(seq) && seq > 0 ? seq : 0;
}

/** Runs `work` as a reader that has seen event #floor (scripts, tests, work outside a Next.js request). */
export function asReader<T>(floor: number, work: () => Promise<T>): Promise<T> {
  return readers.run({ floor, cookie: false }, work);
}

/** The current request's reader: an asReader() scope, else the Next.js request, else none. */
async function reader(): Promise<Reader | undefined> {
  const scoped = readers.getStore();
  if (scoped) return scoped;
  try {
    const { headers, cookies } = await import("next/headers");
    const request = await headers();
    let found = requests.get(request);
    if (!found) {
      const floor = Math.max(seqOf(request.get(MIN_SEQ_HEADER)), seqOf((await cookies()).get(SEQ_COOKIE)?.value));
      // The live stream replays from where its client left off and then follows the
      // primary's notices: a replica behind the primary would leave a gap.
      const stream = (request.get("accept") ?? "").includes("text/event-stream");
      found = { floor, side: stream ? "primary" : undefined, cookie: true };
      requests.set(request, found);
    }
    return found;
  } catch {
    return undefined; // outside a request: a script, a test, a background task
  }
}

async function sideFor(current: Reader | undefined): Promise<Side> {
  if (current?.side) return current.side;
  if (replicaIsDown()) return "primary";
  try {
    return (await replicaHas(current?.floor ?? 0)) ? "replica" : "primary";
  } catch (error) {
    markReplicaDown(error);
    return "primary";
  }
}

/**
 * Runs a read on the replica when DATABASE_READ_URL is set, the statement is a
 * plain read and the replica has every event the reader has seen; else on the
 * primary. A replica that fails the read hands it to the primary.
 */
export async function routeRead<T>(text: string, primary: pg.Pool, run: (pool: pg.Pool, side: Side) => Promise<T>): Promise<T> {
  if (!readUrl()) return run(primary, "primary");
  const current = await reader();
  const kind = statementKind(text);
  if (kind !== "replica") {
    // A write outside a transaction: what this request reads next must include it.
    // (Sign-in, session and token state is always read on the primary and pins nothing.)
    if (current && kind === "write") current.side = "primary";
    return run(primary, "primary");
  }
  const side = await sideFor(current);
  if (current && !current.side) current.side = side;
  if (side === "primary") return run(primary, "primary");
  try {
    return await run(replicaPool(), "replica");
  } catch (error) {
    if (!isReplicaFailure(error)) throw error;
    markReplicaDown(error);
    if (current) current.side = "primary";
    return run(primary, "primary");
  }
}

/**
 * After a transaction commits: the rest of this request reads the primary, and a
 * reader that wrote event #seq keeps that floor (the cookie, in a route handler or
 * server action; a page render cannot set cookies and needs none).
 */
export async function noteCommitted(seq: number): Promise<void> {
  if (!readUrl()) return;
  const current = await reader();
  if (!current) return;
  current.side = "primary";
  if (seq <= current.floor) return;
  current.floor = seq;
  if (!current.cookie) return;
  try {
    const { cookies } = await import("next/headers");
    // Readable by the browser, which raises it from the live stream too; it holds
    // nothing secret, only how far this reader has seen.
    (await cookies()).set(SEQ_COOKIE, String(seq), { path: "/", sameSite: "lax", httpOnly: false, maxAge: SEQ_COOKIE_MAX_AGE });
  } catch {
    // A page render cannot set cookies; pages read, the ledger's writes come through actions and routes.
  }
}

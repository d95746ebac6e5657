import "server-only";
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { gunzipSync, gzip } from "node:zlib";
import { sql, type Db } from "@/lib/server/sql";
import { DomainError } from "@/lib/domain/errors";

/** `text`: the body as stored, when this request stored it (the answer can reuse it rather than serialise it again). */
export type Stored<T> = { status: number; body: T; replayed: boolean; text?: string };

/**
 * A stable fingerprint of a JSON body: key order does not matter. The text hashed
 * is the body's JSON with every object's keys sorted (by `localeCompare`, as keys
 * stored so far were, with integer-like keys first as JavaScript lists them),
 * written in one pass: a batch's thousand events share a few key sets, each sorted once.
 */
export function requestHash(body: unknown): string {
  // The key sets met so far, each with its keys in order and quoted: most objects of a body share one.
  const orders: { keys: string[]; order: string[]; quoted: string[] }[] = [];
  const orderOf = (keys: string[]) => {
    for (const known of orders) if (known.keys.length === keys.length && known.keys.every((key, i) => key === keys[i])) return known;
    // In the order an object built from the sorted keys lists them: integer-like keys first, ascending.
    const order = Object.keys(Object.fromEntries([...keys].sort((a, b) => a.localeCompare(b)).map((key) => [key, 0])));
    const known = { keys, order, quoted: order.map((key) => JSON.stringify(key)) };
    orders.unshift(known);
    if (orders.length > 8) orders.pop();
    return known;
  };
  // As JSON.stringify writes: undefined is left out of an object and null in an array.
  const write = (value: unknown): string | undefined => {
    if (Array.isArray(value)) return `[${value.map((item) => write(item) ?? "null").join(",")}]`;
    if (!value || typeof value !== "object") return JSON.stringify(value) as string | undefined;
    const object = value as Record<string, unknown>;
    const { order, quoted } = orderOf(Object.keys(object));
    let out = "";
    for (let i = 0; i < order.length; i++) {
      const text = write(object[order[i]]);
      if (text !== undefined) out += `${out ? "," : ""}${quoted[i]}:${text}`;
    }
    return `{${out}}`;
  };
  return createHash("sha256").update(write(body) ?? "").digest("hex");
}

/** Settles `work`'s wait for the claim when the key turns out to be a replay. */
const REPLAY = Symbol("replay");

/**
 * Runs `work` once per (actor, key). The key row is inserted first: a racing
 * request with the same key waits on it, then replays the stored answer. If
 * `work` fails the whole transaction rolls back, key included, so a retry runs.
 *
 * `work` may start reading at once (its statements leave right behind the claim,
 * in the same round trip) but must await `claimed` before it writes anything. It
 * may hand back its answer already serialised (`text`, the JSON of `body`).
 */
export async function once<T>(
  tx: Db,
  actorId: string,
  key: string,
  hash: string,
  work: (claimed: Promise<void>) => Promise<{ status: number; body: T; text?: string }>,
): Promise<Stored<T>> {
  const claiming = tx.query<{ key: string }>(sql`
    INSERT INTO idempotency_record (key, actor_id, request_hash) VALUES (${key}, ${actorId}::uuid, ${hash})
    ON CONFLICT (actor_id, key) DO NOTHING RETURNING key`);
  const gate = claiming.then((rows) => (rows.length ? undefined : Promise.reject(REPLAY)));
  const working = work(gate);
  // Either may be refused before anyone awaits it (a replay, or bad input found while
  // reading): marked as handled now, each is still awaited below where it matters.
  gate.catch(() => {});
  working.catch(() => {});
  // Whatever happens, `work` settles before this returns: no statement of it may reach
  // the connection after the transaction has ended.
  const claimed = await claiming.catch(async (error: unknown) => {
    await working.catch(() => {});
    throw error;
  });
  if (claimed.length === 0) {
    // The reads `work` started are answered, or refused, before the stored answer is read.
    await working.catch(() => {});
    const rows = await tx.query<{ request_hash: string } & StoredAnswer>(sql`
      SELECT request_hash, status, response, response_packed FROM idempotency_record WHERE actor_id = ${actorId}::uuid AND key = ${key}`);
    const previous = rows[0];
    if (previous.request_hash !== hash) {
      throw new DomainError("idempotency_conflict", "This Idempotency-Key was already used with a different request body.");
    }
    return replay<T>(previous);
  }
  const result = await working;
  const text = result.text ?? JSON.stringify(result.body);
  const packed = text.length > PACK_ABOVE ? await pack(text) : null;
  const store = sql`
    UPDATE idempotency_record SET status = ${result.status}, response = ${packed ? null : text}, response_packed = ${packed}
    WHERE actor_id = ${actorId}::uuid AND key = ${key}`;
  // The answer is stored by the statement that leaves with COMMIT, where the transaction offers one.
  if (tx.beforeCommit) tx.beforeCommit(store);
  else await tx.query(store);
  return { ...result, replayed: false, text };
}

/** A key's stored answer as read: its text, or (past PACK_ABOVE characters) that text gzipped. */
export type StoredAnswer = { status: number | null; response: string | null; response_packed: Buffer | null };

/**
 * Answers longer than this (in characters) are stored gzipped by the app. A batch's
 * answer runs to a megabyte; PostgreSQL's own compression of it cost 10-20 ms at the
 * end of the batch's transaction, gzip at its fastest level 3 ms (off the main
 * thread). A single event's answer, a kilobyte or two, stays readable text.
 */
const PACK_ABOVE = 16 * 1024;

const compress = promisify(gzip);

function pack(text: string): Promise<Buffer> {
  return compress(text, { level: 1 });
}

/** The text of a stored answer, however it was kept (undefined when it has none yet). */
export function answerText(stored: StoredAnswer): string | undefined {
  if (stored.response_packed) return gunzipSync(stored.response_packed).toString();
  return stored.response ?? undefined;
}

/** A stored answer as it is replayed: its body, and its text to send as it was first sent. */
export function replay<T>(stored: StoredAnswer): Stored<T> {
  const text = answerText(stored);
  return { status: stored.status ?? 200, body: (text === undefined ? null : JSON.parse(text)) as T, replayed: true, text };
}

import "server-only";
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { brotliCompress, brotliDecompressSync, constants } from "node:zlib";
import { sql, type Db } from "@/lib/server/sql";
import { DomainError } from "@/lib/domain/errors";

/** `text`: the body as stored, when this request stored it (the answer can reuse it rather than serialise it again). */
export type Stored<T> = { status: number; body: T; replayed: boolean; text?: string };

/** A stable fingerprint of a JSON body: key order does not matter. */
export function requestHash(body: unknown): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === "object"
        ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]))
        : value;
  return createHash("sha256").update(JSON.stringify(canonical(body))).digest("hex");
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

/** A key's stored answer as read: its text, or (past PACK_ABOVE characters) that text compressed. */
export type StoredAnswer = { status: number | null; response: string | null; response_packed: Buffer | null };

/**
 * Answers longer than this (in characters) are stored compressed by the app. A
 * batch's answer runs to a megabyte; PostgreSQL's own compression of it cost 10-20 ms
 * at the end of the batch's transaction, brotli at its fastest 2-3 ms (and off the
 * main thread). A single event's answer, a kilobyte or two, stays readable text.
 */
export const PACK_ABOVE = 16 * 1024;

const compress = promisify(brotliCompress);

function pack(text: string): Promise<Buffer> {
  const bytes = Buffer.from(text);
  return compress(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
}

/** The text of a stored answer, however it was kept (undefined when it has none yet). */
export function answerText(stored: StoredAnswer): string | undefined {
  if (stored.response_packed) return brotliDecompressSync(stored.response_packed).toString();
  return stored.response ?? undefined;
}

/** A stored answer as it is replayed: its body, and its text to send as it was first sent. */
export function replay<T>(stored: StoredAnswer): Stored<T> {
  const text = answerText(stored);
  return { status: stored.status ?? 200, body: (text === undefined ? null : JSON.parse(text)) as T, replayed: true, text };
}

import "server-only";
import { createHash } from "node:crypto";
import { sql, type Db } from "@/lib/server/sql";
import { DomainError } from "@/lib/domain/errors";

export type Stored<T> = { status: number; body: T; replayed: boolean };

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

/**
 * Runs `work` once per (actor, key). The key row is inserted first: a racing
 * request with the same key waits on it, then replays the stored answer. If
 * `work` fails the whole transaction rolls back, key included, so a retry runs.
 */
export async function once<T>(
  tx: Db,
  actorId: string,
  key: string,
  hash: string,
  work: () => Promise<{ status: number; body: T }>,
): Promise<Stored<T>> {
  const claimed = await tx.query<{ key: string }>(sql`
    INSERT INTO idempotency_record (key, actor_id, request_hash) VALUES (${key}, ${actorId}::uuid, ${hash})
    ON CONFLICT (actor_id, key) DO NOTHING RETURNING key`);
  if (claimed.length === 0) {
    const rows = await tx.query<{ request_hash: string; status: number; response: T }>(sql`
      SELECT request_hash, status, response FROM idempotency_record WHERE actor_id = ${actorId}::uuid AND key = ${key}`);
    const previous = rows[0];
    if (previous.request_hash !== hash) {
      throw new DomainError("idempotency_conflict", "This Idempotency-Key was already used with a different request body.");
    }
    return { status: previous.status, body: previous.response, replayed: true };
  }
  const result = await work();
  await tx.query(sql`
    UPDATE idempotency_record SET status = ${result.status}, response = ${JSON.stringify(result.body)}::jsonb
    WHERE actor_id = ${actorId}::uuid AND key = ${key}`);
  return { ...result, replayed: false };
}

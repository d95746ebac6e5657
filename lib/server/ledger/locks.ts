import "server-only";
import { fresh, sql, type Db } from "@/lib/server/sql";
import type { EventInput } from "@/lib/domain/event-input";
import { knownSku } from "./context";
import type { SkuRef } from "./refs";

type Lockable = Exclude<EventInput, { type: "period.close" }>;

/** Each event's SKU code; a reversal's is that of the group it undoes (null if there is none). */
export async function skusOf(tx: Db, inputs: Lockable[]): Promise<(string | null)[]> {
  const reversals = inputs.flatMap((input) => (input.type === "reverse" ? [input.reverses] : []));
  const bySeq = new Map<number, string>();
  const byGroup = new Map<string, string>();
  if (reversals.length) {
    const seqs = reversals.filter((r): r is number => typeof r === "number");
    const groups = reversals.filter((r): r is string => typeof r === "string");
    const rows = await tx.query<{ seq: number; group_id: string; code: string }>(fresh(sql`
      SELECT e.seq, e.group_id::text, s.code FROM ledger_event e JOIN sku s ON s.id = e.sku_id
       WHERE e.seq = ANY(${seqs}::bigint[]) OR e.group_id = ANY(${groups}::uuid[])`));
    for (const row of rows) {
      bySeq.set(row.seq, row.code);
      byGroup.set(row.group_id, row.code);
    }
  }
  return inputs.map((input) => {
    if (input.type !== "reverse") return input.sku;
    return (typeof input.reverses === "number" ? bySeq.get(input.reverses) : byGroup.get(input.reverses)) ?? null;
  });
}

/** Each distinct code's SKU, null for a code no SKU has (its event is refused where it is posted). */
export async function findSkus(tx: Db, codes: (string | null)[]): Promise<Map<string, SkuRef | null>> {
  const distinct = [...new Set(codes.filter((code): code is string => code !== null))];
  return new Map(await Promise.all(distinct.map(async (code) => [code, await knownSku(tx, code).catch(() => null)] as const)));
}

/**
 * Takes the shared period lock, then every known SKU's lock in one sorted order, in
 * one round trip: two transactions over overlapping SKUs queue instead of
 * deadlocking. `postEvent` takes each again (a lock the transaction holds is
 * granted at once). A SKU that does not exist (null) is not locked here: its event
 * is refused as usual. The statement leaves before this returns, so what the
 * caller sends next runs once the locks are held.
 */
export function lockSkus(tx: Db, skus: (SkuRef | null)[]): Promise<unknown> {
  const ids = [...new Set(skus.flatMap((sku) => (sku ? [sku.id] : [])))];
  return tx.query(sql`
    SELECT pg_advisory_xact_lock_shared(1) AS period,
           (SELECT count(*) FROM (SELECT k, pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtextextended(id, 7) AS k FROM unnest(${ids}::text[]) AS id ORDER BY k) sorted) locked) AS skus`);
}

import "server-only";
import { sql, type Db } from "@/lib/server/sql";
import { authoriseEvent } from "@/lib/domain/authorise";
import { isDomainError } from "@/lib/domain/errors";
import { once, requestHash, type Stored } from "@/lib/server/ledger/idempotency";
import { postEvent, type Actor } from "@/lib/server/ledger/post-event";
import { knownSku } from "@/lib/server/ledger/context";
import { recordLostDemand } from "@/lib/server/ledger/lost-demand";
import { ledgerTransaction, toResponse, type EventResponse } from "@/lib/server/ledger/service";
import { atIndex, BatchRefusal, type BatchEvent as Batchable } from "./parse";

export type BatchResponse = { results: EventResponse[] };

/**
 * Posts a batch all or nothing, once per idempotency key: one transaction, every
 * event through `postEvent`, answers in order. Every event's type is authorised
 * for the role first, before a connection, a key or a lock is taken.
 */
export async function submitBatch(actor: Actor, inputs: Batchable[], idempotencyKey: string, rawBody: unknown): Promise<Stored<BatchResponse>> {
  inputs.forEach((input, index) => atIndex(index, () => authoriseEvent(actor.role, input.type)));
  try {
    return await ledgerTransaction((tx) =>
      once(tx, actor.id, idempotencyKey, requestHash(rawBody), async (claimed) => ({ status: 201, body: { results: await postAll(tx, actor, inputs, claimed) } })),
    );
  } catch (error) {
    // As for a single event: a reservation refused for want of stock is demand all the same.
    if (error instanceof BatchRefusal && isDomainError(error.cause) && error.cause.code === "insufficient_quantity") {
      const input = inputs[error.index];
      if (input.type === "reserve") {
        await ledgerTransaction((tx) => recordLostDemand(tx, actor, input)).catch((cause: unknown) => console.error("[ledger] lost demand not recorded", cause));
      }
    }
    throw error;
  }
}

/**
 * Events of different SKUs touch different rows, so the batch runs one lane per
 * SKU, each in index order, all lanes at once on the transaction's pipelined
 * connection: their statements share round trips. Every SKU is locked up front in
 * one sorted order, so two batches over the same SKUs queue instead of deadlocking.
 * On a refusal, lanes still post the events before it (one of them may be refused
 * too: the answer names the first by index, as posting in order would) and stop.
 */
async function postAll(tx: Db, actor: Actor, inputs: Batchable[], claimed: Promise<void>): Promise<EventResponse[]> {
  const skuOf = await skusOf(tx, inputs);
  await lockSkus(tx, [...new Set(skuOf.filter((code): code is string => code !== null))]);
  const lanes = new Map<string, number[]>();
  skuOf.forEach((code, index) => {
    const lane = code ?? ""; // a reversal of nothing we know: it is refused whichever lane runs it
    lanes.set(lane, [...(lanes.get(lane) ?? []), index]);
  });
  const results: EventResponse[] = new Array<EventResponse>(inputs.length);
  const refused: BatchRefusal[] = [];
  let stopAfter = Infinity;
  await Promise.all(
    [...lanes.values()].map(async (indexes) => {
      for (const index of indexes) {
        if (index > stopAfter) return;
        try {
          results[index] = toResponse(await postEvent(tx, actor, inputs[index], { claimed })).body;
        } catch (error) {
          refused.push(new BatchRefusal(index, error));
          stopAfter = Math.min(stopAfter, index);
          return;
        }
      }
    }),
  );
  if (refused.length) throw firstRefusal(refused);
  return results;
}

/**
 * The refusal to answer with: the lowest index whose error is its own. A statement
 * PostgreSQL refused aborts the transaction, and every statement after it in other
 * lanes fails with "current transaction is aborted" (25P02): those are not refusals.
 */
function firstRefusal(refused: BatchRefusal[]): BatchRefusal {
  const own = refused.filter((refusal) => (refusal.cause as { code?: unknown } | null)?.code !== "25P02");
  return (own.length ? own : refused).reduce((first, refusal) => (refusal.index < first.index ? refusal : first));
}

/** Each event's SKU code; a reversal's is that of the group it undoes (null if there is none). */
async function skusOf(tx: Db, inputs: Batchable[]): Promise<(string | null)[]> {
  const reversals = inputs.flatMap((input) => (input.type === "reverse" ? [input.reverses] : []));
  const bySeq = new Map<number, string>();
  const byGroup = new Map<string, string>();
  if (reversals.length) {
    const seqs = reversals.filter((r): r is number => typeof r === "number");
    const groups = reversals.filter((r): r is string => typeof r === "string");
    const rows = await tx.query<{ seq: number; group_id: string; code: string }>(sql`
      SELECT e.seq, e.group_id::text, s.code FROM ledger_event e JOIN sku s ON s.id = e.sku_id
       WHERE e.seq = ANY(${seqs}::bigint[]) OR e.group_id = ANY(${groups}::uuid[])`);
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

/**
 * Takes the shared period lock, then every known SKU's lock in one sorted order, in
 * one round trip. `postEvent` takes each again (a lock the transaction holds is granted at once).
 * A SKU that does not exist is not locked here: its first event is refused as usual.
 */
async function lockSkus(tx: Db, codes: string[]): Promise<void> {
  const found = await Promise.all(codes.map((code) => knownSku(tx, code).catch(() => null)));
  const ids = found.flatMap((sku) => (sku ? [sku.id] : []));
  await tx.query(sql`
    SELECT pg_advisory_xact_lock_shared(1) AS period,
           (SELECT count(*) FROM (SELECT k, pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtextextended(id, 7) AS k FROM unnest(${ids}::text[]) AS id ORDER BY k) sorted) locked) AS skus`);
}

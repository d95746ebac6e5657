import "server-only";
import { letStatementsLeave, type Db } from "@/lib/server/sql";
import { authoriseEvent } from "@/lib/domain/authorise";
import { isDomainError } from "@/lib/domain/errors";
import { once, requestHash, type Stored } from "@/lib/server/ledger/idempotency";
import type { Actor, PostResult } from "@/lib/server/ledger/post-event";
import { keepLostDemand } from "@/lib/server/ledger/lost-demand";
import { ledgerTransaction, responseText, toResponse, type EventResponse } from "@/lib/server/ledger/service";
import { findSkus, lockSkus, skusOf } from "@/lib/server/ledger/locks";
import { atIndex, BatchRefusal, type BatchEvent as Batchable } from "./parse";
import { failedEarlier, FinalWrite, postLane, type LaneEvent } from "./lane";
import { SkuChain } from "@/lib/server/ledger/chain";

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
      once(tx, actor.id, idempotencyKey, requestHash(rawBody), async (claimed) => {
        const { results, texts } = await postAll(tx, actor, inputs, claimed);
        return { status: 201, body: { results }, text: `{"results":[${texts.join(",")}]}` };
      }),
    );
  } catch (error) {
    // As for a single event: a reservation refused for want of stock is demand all the same.
    if (error instanceof BatchRefusal && isDomainError(error.cause) && error.cause.code === "insufficient_quantity") {
      const input = inputs[error.index];
      if (input.type === "reserve") {
        await keepLostDemand(actor, input);
      }
    }
    throw error;
  }
}

/**
 * Events of different SKUs touch different rows, so the batch runs one lane per
 * SKU (lane.ts), each in index order, all lanes at once on the transaction's
 * pipelined connection: their statements share round trips. Every SKU is locked up
 * front in one sorted order, so two batches over the same SKUs queue instead of
 * deadlocking. Every SKU's state is read in one statement, and what the lanes plan
 * after their last event that posts alone is written together (lane.ts). On a
 * refusal, lanes still post the events before it (one of them may be refused too:
 * the answer names the first by index, as posting in order would) and stop.
 */
async function postAll(tx: Db, actor: Actor, inputs: Batchable[], claimed: Promise<void>): Promise<{ results: EventResponse[]; texts: string[] }> {
  const skuOf = await skusOf(tx, inputs);
  const skus = await findSkus(tx, skuOf);
  await lockSkus(tx, [...skus.values()]);
  const lanes = new Map<string, LaneEvent[]>();
  skuOf.forEach((code, index) => {
    const lane = code ?? ""; // a reversal of nothing we know: it is refused whichever lane runs it
    const events = lanes.get(lane);
    if (events) events.push({ index, input: inputs[index] });
    else lanes.set(lane, [{ index, input: inputs[index] }]);
  });
  // Each answer is serialised as it comes (most while PostgreSQL writes later events): the batch's answer is their list.
  const results: EventResponse[] = new Array<EventResponse>(inputs.length);
  const texts: string[] = new Array<string>(inputs.length);
  const answer = (index: number, result: PostResult) => {
    results[index] = toResponse(result).body;
    texts[index] = responseText(results[index]);
  };
  const refused: BatchRefusal[] = [];
  let stopAfter = Infinity;
  // One chain per SKU; every SKU's state is read in one statement before any lane plans.
  const now = new Date();
  const chained = [...lanes].map(([code, events]) => {
    const sku = skus.get(code) ?? null;
    return { events, chain: sku ? new SkuChain<number>(tx, sku, events.map((event) => event.input), now) : null };
  });
  await SkuChain.warmAll(tx, chained.flatMap(({ events, chain }) => (chain ? events.map(({ input }) => ({ chain, input })) : [])));
  const final = new FinalWrite(tx, chained.map(({ events }) => events.length), claimed, answer);
  const running: Promise<void>[] = [];
  for (const { events, chain } of chained) {
    const lane = final.lane(events.length);
    running.push(
      (async () => {
        try {
          await postLane(tx, actor, chain, events, { claimed, stop: () => stopAfter, answer, last: lane.last });
        } catch (error) {
          const refusal = error instanceof BatchRefusal ? error : new BatchRefusal(events[0].index, error);
          refused.push(refusal);
          stopAfter = Math.min(stopAfter, refusal.index);
        } finally {
          lane.leave();
        }
      })(),
    );
    // A write the lanes so far made leaves before the next lane plans: PostgreSQL writes it meanwhile.
    if (final.sent()) await letStatementsLeave();
  }
  await Promise.all(running);
  if (refused.length) throw firstRefusal(refused);
  return { results, texts };
}

/**
 * The refusal to answer with: the lowest index whose error is its own. A statement
 * PostgreSQL refused aborts the transaction, and every statement after it in other
 * lanes fails with "current transaction is aborted" (25P02): those are not refusals.
 */
function firstRefusal(refused: BatchRefusal[]): BatchRefusal {
  const own = refused.filter((refusal) => !failedEarlier(refusal.cause));
  return (own.length ? own : refused).reduce((first, refusal) => (refusal.index < first.index ? refusal : first));
}

import "server-only";
import type { Db } from "@/lib/server/sql";
import { SkuChain } from "@/lib/server/ledger/chain";
import { postEvent, type Actor, type PostResult } from "@/lib/server/ledger/post-event";
import type { SkuRef } from "@/lib/server/ledger/refs";
import { BatchRefusal, type BatchEvent } from "./parse";

export type LaneEvent = { index: number; input: BatchEvent };

/**
 * Posts a batch's events of one SKU in index order, planned on one chained state
 * (chain.ts) and written set by set; what the chain leaves alone goes through
 * `postEvent` after what was planned before it is written. `answer` receives each
 * event's result. A refusal throws a BatchRefusal naming its index. `stop` says the
 * index past which another lane was refused, so nothing later is worth posting.
 */
export async function postLane(
  tx: Db,
  actor: Actor,
  sku: SkuRef | null,
  events: LaneEvent[],
  options: { claimed: Promise<void>; stop: () => number; answer: (index: number, result: PostResult) => void },
): Promise<void> {
  const chain = sku ? new SkuChain<number>(tx, sku, events.map((event) => event.input), new Date()) : null;
  const flush = async () => {
    if (!chain) return;
    const first = chain.firstPending();
    if (first === undefined) return;
    await options.claimed;
    try {
      for (const { tag, posted } of await chain.flush()) options.answer(tag, posted);
    } catch (error) {
      throw new BatchRefusal(first, error);
    }
  };
  for (const { index, input } of events) {
    if (index > options.stop()) return;
    let how: "planned" | "alone" = "alone";
    try {
      if (chain) how = await chain.plan(actor, input, index);
    } catch (error) {
      throw new BatchRefusal(index, error);
    }
    if (how === "planned") continue;
    await flush();
    chain?.forget();
    try {
      options.answer(index, await postEvent(tx, actor, input, { claimed: options.claimed }));
    } catch (error) {
      throw new BatchRefusal(index, error);
    }
  }
  await flush();
}

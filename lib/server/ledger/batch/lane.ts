import "server-only";
import { sql, type Db } from "@/lib/server/sql";
import { SkuChain } from "@/lib/server/ledger/chain";
import { postEvent, type Actor, type PostResult } from "@/lib/server/ledger/post-event";
import { databaseOutage } from "@/lib/server/api/problem";
import { BatchRefusal, type BatchEvent } from "./parse";
import { ROWS_PER_WRITE } from "@/lib/server/ledger/write";

export type LaneEvent = { index: number; input: BatchEvent };

type Answer = (index: number, result: PostResult) => void;

/**
 * Posts a batch's events of one SKU in index order, planned on one chained state
 * (chain.ts) and written set by set; what the chain leaves alone goes through
 * `postEvent` after what was planned before it is written. What is planned after
 * the last such event is written with every other lane's (`FinalWrite`). `answer`
 * receives each event's result. A refusal throws a BatchRefusal naming its index.
 * `stop` says the index past which another lane was refused, so nothing later is
 * worth posting.
 */
export async function postLane(
  tx: Db,
  actor: Actor,
  chain: SkuChain<number> | null,
  events: LaneEvent[],
  options: { claimed: Promise<void>; stop: () => number; answer: Answer; last: (chain: SkuChain<number> | null) => Promise<void> },
): Promise<void> {
  // A long lane's planned events are written as they reach a statement's worth, while
  // the lane plans on: PostgreSQL writes the first while the rest are planned.
  const early: Promise<void>[] = [];
  const written = () => Promise.all(early);
  try {
    for (const { index, input } of events) {
      if (index > options.stop()) {
        await written();
        return;
      }
      let how: "planned" | "alone" = "alone";
      try {
        if (chain) how = chain.planNow(actor, input, index) ?? (await chain.plan(actor, input, index));
      } catch (error) {
        throw new BatchRefusal(index, error);
      }
      if (how === "planned") {
        if (chain!.pendingCount() >= ROWS_PER_WRITE) {
          const writing = writeChain(chain!, options.claimed, options.answer);
          writing.catch(() => {}); // awaited before the lane ends
          early.push(writing);
          await new Promise((resolve) => setImmediate(resolve)); // the write leaves
        }
        continue;
      }
      await written();
      if (chain) {
        await writeChain(chain, options.claimed, options.answer);
        chain.forget();
      }
      try {
        options.answer(index, await postEvent(tx, actor, input, { claimed: options.claimed }));
      } catch (error) {
        throw new BatchRefusal(index, error);
      }
    }
    const last = options.last(chain);
    await written(); // an earlier write's refusal names an earlier event
    await last;
  } finally {
    // Nothing of the lane may still be on its way when the transaction ends.
    await Promise.allSettled(early);
  }
}

/**
 * The lanes' last writes, made together once every lane has come to its end: one
 * statement for every SKU's rows and one for their valuations, instead of two per
 * SKU. Should that write fail, it is made again lane by lane (after a savepoint),
 * so that the refusal names the event it is laid at, as a lane's own write would.
 */
export class FinalWrite {
  private chains: SkuChain<number>[] = [];
  private left: number;
  private readonly written: Promise<void>;
  private release!: () => void;

  constructor(
    private readonly tx: Db,
    lanes: number,
    private readonly claimed: Promise<void>,
    private readonly answer: Answer,
  ) {
    this.left = lanes;
    const arrived = new Promise<void>((resolve) => (this.release = resolve));
    this.written = arrived.then(() => this.write());
    this.written.catch(() => {}); // each lane that waits on it meets the refusal
    if (!lanes) this.release();
  }

  /** One lane's handle: `last` when it has planned its last event, `leave` however it ends (a no-op after `last`). */
  lane() {
    let counted = false;
    const arrive = () => {
      if (counted) return;
      counted = true;
      if (--this.left === 0) this.release();
    };
    return {
      last: (chain: SkuChain<number> | null) => {
        if (chain?.firstPending() !== undefined) this.chains.push(chain);
        arrive();
        return this.written;
      },
      leave: arrive,
    };
  }

  private async write() {
    if (!this.chains.length) return;
    await this.claimed;
    const first = Math.min(...this.chains.map((chain) => chain.firstPending()!));
    if (this.chains.length === 1) return writeChain(this.chains[0], this.claimed, this.answer);
    await this.tx.query(sql`SAVEPOINT final_write`);
    try {
      for (const { tag, posted } of await SkuChain.flushAll(this.tx, this.chains)) this.answer(tag, posted);
      void this.tx.query(sql`RELEASE SAVEPOINT final_write`).catch(() => {}); // should it fail, the transaction is aborted and COMMIT reports it
    } catch (error) {
      if (databaseOutage(error)) throw new BatchRefusal(first, error);
      await this.tx.query(sql`ROLLBACK TO SAVEPOINT final_write`);
      const byIndex = [...this.chains].sort((a, b) => a.firstPending()! - b.firstPending()!);
      for (const chain of byIndex) await writeChain(chain, this.claimed, this.answer);
      throw new BatchRefusal(first, error);
    }
  }
}

/** Writes what the chain planned, once the batch's key is claimed; a refused write is laid at its first event. */
async function writeChain(chain: SkuChain<number>, claimed: Promise<void>, answer: Answer): Promise<void> {
  const first = chain.firstPending();
  if (first === undefined) return;
  await claimed;
  try {
    for (const { tag, posted } of await chain.flush()) answer(tag, posted);
  } catch (error) {
    throw new BatchRefusal(first, error);
  }
}

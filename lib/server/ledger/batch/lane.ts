import "server-only";
import { letStatementsLeave, sql, type Db } from "@/lib/server/sql";
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
    for (const [place, { index, input }] of events.entries()) {
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
        if (writeNow(chain!.pendingCount(), events.length - place - 1)) {
          const writing = writeChain(chain!, options.claimed, options.answer);
          writing.catch(() => {}); // awaited before the lane ends
          early.push(writing);
          await letStatementsLeave();
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
 * Whether a lane writes what it has planned (`pending` events) with `left` events
 * still to plan: at a statement's worth, and in halves towards the end, so the
 * last write (which nothing overlaps) is a short one.
 */
function writeNow(pending: number, left: number): boolean {
  return pending >= ROWS_PER_WRITE || (pending >= ROWS_PER_WRITE / 2 && left > 0 && left <= pending);
}

/**
 * The lanes' last writes: what each lane planned after its last event that posted
 * alone, written together instead of in statements of their own. Lanes that have
 * come to their end are written as soon as they make a statement's worth (or half
 * of one towards the end: `writeNow`), while the other lanes still plan; the rest
 * once every lane has come to its end. Each such write follows a savepoint: should it fail,
 * it is made again lane by lane, so that the refusal names the event it is laid
 * at, as a lane's own write would.
 */
export class FinalWrite {
  private arrived: SkuChain<number>[] = [];
  private parts: { chains: SkuChain<number>[]; first: number; written: Promise<void> }[] = [];
  private justSent = false;
  private left: number;
  private readonly written: Promise<void>;
  private release!: () => void;

  /** Events of the lanes that have not come to their end. */
  private events: number;

  constructor(
    private readonly tx: Db,
    lanes: number[],
    private readonly claimed: Promise<void>,
    private readonly answer: Answer,
  ) {
    this.left = lanes.length;
    this.events = lanes.reduce((sum, size) => sum + size, 0);
    const arrived = new Promise<void>((resolve) => (this.release = resolve));
    this.written = arrived.then(() => this.finish());
    this.written.catch(() => {}); // each lane that waits on it meets the refusal
    if (!lanes.length) this.release();
  }

  /** Whether a write was sent since the last call: the caller lets it leave (a turn of the event loop) before planning on. */
  sent(): boolean {
    const sent = this.justSent;
    this.justSent = false;
    return sent;
  }

  /**
   * One lane's handle (`size`: its events): `last` when it has planned its last
   * event, `leave` however it ends (a no-op after `last`).
   */
  lane(size: number) {
    let counted = false;
    const arrive = () => {
      if (counted) return;
      counted = true;
      this.events -= size;
      if (--this.left === 0) this.release();
    };
    return {
      last: (chain: SkuChain<number> | null) => {
        if (chain?.firstPending() !== undefined) this.arrived.push(chain);
        const pending = this.arrived.reduce((events, arrived) => events + arrived.pendingCount(), 0);
        if (this.left > 1 && writeNow(pending, this.events - size)) this.writeArrived();
        arrive();
        return this.written;
      },
      leave: arrive,
    };
  }

  /** Sends the write of the lanes that have arrived, after a savepoint; its answers go to `answer` as they come. */
  private writeArrived() {
    const chains = this.arrived;
    this.arrived = [];
    if (!chains.length) return;
    const first = Math.min(...chains.map((chain) => chain.firstPending()!));
    const written = (async () => {
      await this.claimed;
      const begun = this.tx.query(sql`SAVEPOINT final_write`); // no answer awaited: the write leaves right behind it
      begun.catch(() => {}); // should it fail, so does the write, and that failure is met
      await SkuChain.flushAll(this.tx, chains, this.answer);
    })();
    written.catch(() => {}); // met in `finish`, part by part
    this.parts.push({ chains, first, written });
    this.justSent = true;
  }

  /** The rest, then each write's outcome in the order they were sent: the first that failed is refused. */
  private async finish() {
    this.writeArrived();
    await this.claimed; // a replay: nothing was written (each write waits for the claim)
    for (const part of this.parts) {
      try {
        await part.written;
      } catch (error) {
        await this.refuse(part, error);
      }
    }
  }

  /**
   * A failed write is made again lane by lane after rolling back to its savepoint
   * (the latest one taken: none is taken once the transaction has failed), and the
   * refusal laid at the first lane whose write fails. A write that failed because
   * another statement already had (25P02), or because the database is out of
   * reach, is not retried: the refusal that matters is the other one.
   */
  private async refuse(part: { chains: SkuChain<number>[]; first: number }, error: unknown): Promise<never> {
    if (databaseOutage(error) || failedEarlier(error)) throw new BatchRefusal(part.first, error);
    await this.tx.query(sql`ROLLBACK TO SAVEPOINT final_write`);
    const byIndex = [...part.chains].sort((a, b) => a.firstPending()! - b.firstPending()!);
    for (const chain of byIndex) await writeChain(chain, this.claimed, this.answer);
    throw new BatchRefusal(part.first, error);
  }
}

/** Writes what the chain planned, once the batch's key is claimed; a refused write is laid at its first event. */
async function writeChain(chain: SkuChain<number>, claimed: Promise<void>, answer: Answer): Promise<void> {
  const first = chain.firstPending();
  if (first === undefined) return;
  await claimed;
  try {
    await chain.flush(answer);
  } catch (error) {
    throw new BatchRefusal(first, error);
  }
}

/**
 * Whether PostgreSQL refused a statement only because an earlier one had failed:
 * the transaction is aborted (25P02), and that earlier failure is the refusal.
 */
export function failedEarlier(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "25P02";
}

import "server-only";
import { sql, transaction, type Db, type Sql } from "@/lib/server/sql";
import type { EventInput } from "@/lib/domain/event-input";
import { isDomainError } from "@/lib/domain/errors";
import { databaseOutage } from "@/lib/server/api/problem";
import { once, type Stored } from "./idempotency";
import { postEvent, type Actor, type PostResult } from "./post-event";
import { recordLostDemand } from "./lost-demand";
import { lockSkus, skusOf } from "./locks";

// Group commit. Events submitted while a transaction is in flight wait for the
// next one and share it: one BEGIN, one lock acquisition per SKU, one COMMIT (one
// WAL flush) for all of them. Each event still goes through the one pipeline
// (`postEvent` under `once`), in arrival order, inside its own savepoint: an event
// that is refused, for a rule or by a constraint, is rolled back alone and answers
// its own error, while the others commit. Answers leave only after the commit.

type Grouped = Exclude<EventInput, { type: "period.close" }>;

export type Job<R> = {
  actor: Actor;
  input: Grouped;
  key: string;
  hash: string;
  respond: (result: PostResult) => { status: number; body: R };
  resolve: (stored: Stored<R>) => void;
  reject: (error: unknown) => void;
};

/**
 * At most this many events share a transaction. Each savepoint that writes takes a
 * subtransaction id; past 64 in one transaction PostgreSQL's snapshots overflow
 * to a slower path for every session, so a group stays well below that.
 */
const MAX_GROUP = 48;
/** Transactions in flight at once: enough to keep both PostgreSQL and Node busy on a small machine. */
const MAX_IN_FLIGHT = 3;

type Queue = { waiting: Job<unknown>[]; inFlight: number };
const queues = new Map<string, Queue>();

/** Queues the event for the next group transaction; settles after that transaction's commit (or with the event's own refusal). */
export function submitGrouped<R>(dbKey: string, job: Omit<Job<R>, "resolve" | "reject">): Promise<Stored<R>> {
  let queue = queues.get(dbKey);
  if (!queue) queues.set(dbKey, (queue = { waiting: [], inFlight: 0 }));
  const settled = new Promise<Stored<R>>((resolve, reject) => queue.waiting.push({ ...job, resolve, reject } as Job<unknown>));
  drain(queue);
  return settled;
}

function drain(queue: Queue) {
  while (queue.inFlight < MAX_IN_FLIGHT && queue.waiting.length) {
    const group = takeGroup(queue);
    queue.inFlight++;
    void runGroup(group).finally(() => {
      queue.inFlight--;
      drain(queue);
    });
  }
}

/** The next group: waiting jobs in arrival order, one per (actor, key) — a second use of a key waits for the first one's commit. */
function takeGroup(queue: Queue): Job<unknown>[] {
  const group: Job<unknown>[] = [];
  const keys = new Set<string>();
  const later: Job<unknown>[] = [];
  for (const job of queue.waiting) {
    const key = `${job.actor.id}\u0000${job.key}`;
    if (group.length < MAX_GROUP && !keys.has(key)) {
      keys.add(key);
      group.push(job);
    } else later.push(job);
  }
  queue.waiting = later;
  return group;
}

type Outcome = { job: Job<unknown>; ok: true; stored: Stored<unknown> } | { job: Job<unknown>; ok: false; error: unknown };

async function runGroup(group: Job<unknown>[]): Promise<void> {
  let outcomes: Outcome[];
  try {
    outcomes = await transaction(async (tx) => {
      await lockSkus(tx, await skusOf(tx, group.map((job) => job.input)));
      const results: Outcome[] = [];
      for (const job of group) results.push(await runJob(tx, job));
      return results;
    });
  } catch (error) {
    // The database is out of reach (a lost connection, a COMMIT whose answer never
    // came): every event of the group answers so, and its idempotency key makes the
    // retry safe whether or not the commit landed.
    if (databaseOutage(error)) outcomes = group.map((job) => ({ job, ok: false, error }));
    // Otherwise the group failed as a whole (a deadlock between two groups' claims,
    // or a statement one event's input broke before its savepoint): nothing of it
    // committed, and each event is posted again on its own.
    else outcomes = await Promise.all(group.map(runAlone));
  }
  for (const outcome of outcomes) {
    if (outcome.ok) outcome.job.resolve(outcome.stored);
    else outcome.job.reject(outcome.error);
  }
}

function post(tx: Db, job: Job<unknown>): Promise<Stored<unknown>> {
  return once(tx, job.actor.id, job.key, job.hash, async (claimed) => job.respond(await postEvent(tx, job.actor, job.input, { claimed })));
}

/**
 * One event in its own savepoint. What it queues to leave with COMMIT (its answer
 * for the idempotency record, its live notice) is kept only if it succeeds.
 */
async function runJob(tx: Db, job: Job<unknown>): Promise<Outcome> {
  const finals: Sql[] = [];
  const own: Db = { key: tx.key, query: (statement) => tx.query(statement), beforeCommit: (statement) => finals.push(statement) };
  // Sent ahead of the event's first statements, in the same round trip (the connection pipelines).
  const begun = tx.query(sql`SAVEPOINT event`);
  begun.catch(() => {});
  try {
    const stored = await post(own, job);
    await begun;
    void tx.query(sql`RELEASE SAVEPOINT event`).catch(() => {}); // should it fail, the transaction is aborted and COMMIT reports it
    for (const statement of finals) tx.beforeCommit?.(statement);
    return { job, ok: true, stored };
  } catch (error) {
    // A deadlock between two groups' claims is no refusal of this event: the group is retried event by event.
    if (isTransient(error)) throw error;
    await begun;
    await Promise.all([tx.query(sql`ROLLBACK TO SAVEPOINT event`), tx.query(sql`RELEASE SAVEPOINT event`)]);
    // A reservation refused for want of stock is demand all the same: forecasts count it as lost.
    if (isLostDemand(job, error)) await recordLostDemand(tx, job.actor, job.input as Extract<Grouped, { type: "reserve" }>);
    return { job, ok: false, error };
  }
}

/** The event in a transaction of its own, as when nothing else is in flight. */
async function runAlone(job: Job<unknown>): Promise<Outcome> {
  try {
    return { job, ok: true, stored: await transaction((tx) => post(tx, job)) };
  } catch (error) {
    if (isLostDemand(job, error)) {
      await transaction((tx) => recordLostDemand(tx, job.actor, job.input as Extract<Grouped, { type: "reserve" }>)).catch((cause: unknown) =>
        console.error("[ledger] lost demand not recorded", cause),
      );
    }
    return { job, ok: false, error };
  }
}

function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "40P01" || code === "40001";
}

function isLostDemand(job: Job<unknown>, error: unknown): boolean {
  return job.input.type === "reserve" && isDomainError(error) && error.code === "insufficient_quantity";
}

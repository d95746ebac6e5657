import "server-only";
import { sql, transaction, type Db, type Sql } from "@/lib/server/sql";
import type { EventInput } from "@/lib/domain/event-input";
import { DomainError, isDomainError } from "@/lib/domain/errors";
import { databaseOutage } from "@/lib/server/api/problem";
import { once, replay, type Stored, type StoredAnswer } from "./idempotency";
import { postEvent, type Actor, type PostResult } from "./post-event";
import { keepLostDemand, lostDemand } from "./lost-demand";
import { SkuChain } from "./chain";
import { findSkus, lockSkus, skusOf } from "./locks";
import { assertTokens, checkTokens, TokenChanged } from "@/lib/server/auth/known-tokens";

// Group commit. Events submitted while a transaction is in flight wait for the
// next one and share it: one BEGIN, one lock acquisition per SKU, one COMMIT (one
// WAL flush) for all of them. Each SKU's events are planned and valued in memory
// on one chained state (chain.ts), by the same planner `postEvent` uses, and
// written together; what the chain cannot stand for goes through `postEvent` under
// `once`, in its own savepoint. An event that is refused answers its own error,
// while the others commit. Answers leave only after the commit.
//
// A group starts only when no other is still being built: until the one in flight
// has written its events and sent its COMMIT, new arrivals wait and join the next
// group together. Each group costs the same BEGIN, round trips and COMMIT however
// many events it holds; starting one for every arrival at 8 clients made groups of
// under two events, at about a quarter more CPU per event in Node and half again as
// much in PostgreSQL. The COMMIT's WAL flush still overlaps the next group's work.
// A group that takes long to build (it waits for a lock another transaction
// holds) opens the way after BUILD_WAIT_MS, so other SKUs' events are not held up
// behind it.

type Grouped = Exclude<EventInput, { type: "period.close" }>;

export type Job<R> = {
  actor: Actor;
  input: Grouped;
  key: string;
  hash: string;
  /** The event's answer; `text`, its JSON when the caller writes it (else JSON.stringify). */
  respond: (result: PostResult) => { status: number; body: R; text?: string };
  resolve: (stored: Stored<R>) => void;
  reject: (error: unknown) => void;
};

/**
 * At most this many events share a transaction. Each savepoint that writes takes a
 * subtransaction id; past 64 in one transaction PostgreSQL's snapshots overflow
 * to a slower path for every session, so a group stays well below that.
 */
const MAX_GROUP = 48;
/** Transactions in flight at once: one being built, the others committing. */
const MAX_IN_FLIGHT = 3;

/** How long the next group waits for the one being built; a group normally builds in a few milliseconds. */
const BUILD_WAIT_MS = 25;

/** `building`: a group is still being planned and written (the next one waits for that). */
type Queue = { waiting: Job<unknown>[]; inFlight: number; building: boolean };
const queues = new Map<string, Queue>();

/** Queues the event for the next group transaction; settles after that transaction's commit (or with the event's own refusal). */
export function submitGrouped<R>(dbKey: string, job: Omit<Job<R>, "resolve" | "reject">): Promise<Stored<R>> {
  let queue = queues.get(dbKey);
  if (!queue) queues.set(dbKey, (queue = { waiting: [], inFlight: 0, building: false }));
  const settled = new Promise<Stored<R>>((resolve, reject) => queue.waiting.push(Object.assign({ resolve, reject }, job) as Job<unknown>));
  drain(queue);
  return settled;
}

function drain(queue: Queue) {
  if (queue.building || queue.inFlight >= MAX_IN_FLIGHT || !queue.waiting.length) return;
  const group = takeGroup(queue);
  queue.inFlight++;
  queue.building = true;
  let built = false;
  const committing = () => {
    if (built) return;
    built = true;
    clearTimeout(slow);
    queue.building = false;
    drain(queue);
  };
  const slow = setTimeout(committing, BUILD_WAIT_MS);
  slow.unref?.();
  void runGroup(group, committing).finally(() => {
    queue.inFlight--;
    committing();
    drain(queue);
  });
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

/** `committing` is called once the group's events are written and its COMMIT is next (or it failed): the next group may start. */
async function runGroup(group: Job<unknown>[], committing: () => void): Promise<void> {
  let outcomes: Outcome[];
  try {
    outcomes = await transaction(async (tx) => {
      const posted = await postGroup(tx, group);
      committing();
      return posted;
    });
  } catch (error) {
    committing();
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

/**
 * The group in one transaction: its SKUs locked in one sorted order, every key
 * claimed in one statement (a key already answered replays) and each SKU's state
 * read in one statement, all sent together (PostgreSQL runs the claims and the
 * read once the locks are held). Each SKU's events are planned on one chained state (chain.ts)
 * and written together; an event refused there answers its refusal and its claim
 * is withdrawn. Events the chain leaves alone then post one by one, each in its
 * own savepoint. Events that arrive together have no order among themselves, so
 * those come last.
 */
async function postGroup(tx: Db, group: Job<unknown>[]): Promise<Outcome[]> {
  const codes = await skusOf(tx, group.map((job) => job.input));
  const skus = await findSkus(tx, codes);
  const outcomes = new Map<Job<unknown>, Outcome>();
  // Dated as the group starts. In this process the group before it has dated its events by then (a
  // group starts once the one before it is built), so the state read below finds no move of these
  // SKUs dated after this moment (one that does leaves the chain's events to post alone).
  const now = new Date();
  // One chain per SKU, over that SKU's jobs in arrival order (a job that turns out a replay is never planned).
  const jobsOf = new Map<string, Job<unknown>[]>();
  group.forEach((job, i) => {
    const code = codes[i];
    if (code && skus.get(code)) jobsOf.set(code, [...(jobsOf.get(code) ?? []), job]);
  });
  const chainOf = new Map<Job<unknown>, SkuChain<Job<unknown>>>();
  for (const [code, jobs] of jobsOf) {
    const chain = new SkuChain<Job<unknown>>(tx, skus.get(code)!, jobs.map((job) => job.input), now);
    for (const job of jobs) chainOf.set(job, chain);
  }
  const chains = new Set(chainOf.values());
  // One round trip: the locks, the claims, then every SKU's state in one statement, which
  // PostgreSQL runs once the locks are held, so it sees whatever committed before them.
  const locked = lockSkus(tx, [...skus.values()]);
  const claiming = claimAll(tx, group, outcomes);
  const warming = SkuChain.warmAll(tx, group.flatMap((job) => (chainOf.has(job) ? [{ chain: chainOf.get(job)!, input: job.input }] : [])));
  const [, { claimed, changed }] = await Promise.all([locked, claiming, warming]).catch(async (error: unknown) => {
    await Promise.allSettled([locked, claiming, warming]); // nothing of the group may still be on its way when the transaction ends
    throw error;
  });

  const alone: Job<unknown>[] = [];
  const withdrawn: Job<unknown>[] = [...changed];
  for (const job of claimed) {
    const chain = chainOf.get(job);
    if (!chain) {
      alone.push(job);
      continue;
    }
    try {
      if ((chain.planNow(job.actor, job.input, job) ?? (await chain.plan(job.actor, job.input, job))) === "alone") alone.push(job);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      outcomes.set(job, { job, ok: false, error });
      withdrawn.push(job);
      if (isLostDemand(job, error)) void tx.query(lostDemandStatement(job)).catch(() => {}); // a failure aborts the transaction: COMMIT reports it
    }
  }

  const written = await SkuChain.flushAll(tx, [...chains]);
  // Each answer is serialised once: the same text is stored with its key and sent.
  const answers = written.map(({ tag: job, posted }) => {
    const answer = job.respond(posted);
    const text = answer.text ?? JSON.stringify(answer.body);
    outcomes.set(job, { job, ok: true, stored: { status: answer.status, body: answer.body, replayed: false, text } });
    return { job, json: `{"actor_id":${JSON.stringify(job.actor.id)},"key":${JSON.stringify(job.key)},"status":${answer.status},"response":${text}}` };
  });
  if (answers.length) {
    // The key columns' lists as well as the pairs: an index condition whatever the table's statistics say.
    tx.beforeCommit?.(sql`
      UPDATE idempotency_record r SET status = x.status, response = x.response::text
        FROM json_to_recordset(${`[${answers.map((a) => a.json).join(",")}]`}::json) AS x(actor_id uuid, key text, status int, response json)
       WHERE r.actor_id = ANY(${answers.map((a) => a.job.actor.id)}::uuid[]) AND r.key = ANY(${answers.map((a) => a.job.key)}::text[])
         AND r.actor_id = x.actor_id AND r.key = x.key`);
  }
  // Refused events withdraw their claim (a retry runs); those posted alone claim again inside their savepoint.
  const unclaim = [...withdrawn, ...alone].map((job) => ({ actor_id: job.actor.id, key: job.key }));
  if (unclaim.length) {
    await tx.query(sql`
      DELETE FROM idempotency_record r USING jsonb_to_recordset(${JSON.stringify(unclaim)}::jsonb) AS x(actor_id uuid, key text)
       WHERE r.actor_id = ANY(${unclaim.map((u) => u.actor_id)}::uuid[]) AND r.key = ANY(${unclaim.map((u) => u.key)}::text[])
         AND r.actor_id = x.actor_id AND r.key = x.key`);
  }
  for (const job of alone) outcomes.set(job, await runJob(tx, job));
  return group.map((job) => outcomes.get(job)!);
}

/**
 * Claims every job's key in one statement. A key already used answers now: its
 * stored answer for the same body, `idempotency_conflict` for another. Returns the
 * jobs whose key this transaction now holds, in arrival order (`claimed`). A job
 * whose bearer token no longer stands for its user (revoked, deactivated, another
 * role: checked first, in the same round trip) answers `TokenChanged` and claims
 * nothing: the claims it made are `changed`, to withdraw.
 */
async function claimAll(tx: Db, group: Job<unknown>[], outcomes: Map<Job<unknown>, Outcome>): Promise<{ claimed: Job<unknown>[]; changed: Job<unknown>[] }> {
  const keys = JSON.stringify(group.map((job) => ({ key: job.key, actor_id: job.actor.id, hash: job.hash })));
  // They leave together and run in this order: the read after the insert sees every row the insert found taken.
  const [holds, inserted, existing] = await Promise.all([
    checkTokens(tx, group.map((job) => job.actor)),
    tx.query<{ actor_id: string; key: string }>(sql`
      INSERT INTO idempotency_record (key, actor_id, request_hash)
      SELECT x.key, x.actor_id, x.hash FROM jsonb_to_recordset(${keys}::jsonb) AS x(key text, actor_id uuid, hash text)
      ON CONFLICT (actor_id, key) DO NOTHING RETURNING actor_id::text, key`),
    tx.query<{ actor_id: string; key: string; request_hash: string } & StoredAnswer>(sql`
      SELECT r.actor_id::text, r.key, r.request_hash, r.status, r.response, r.response_packed FROM idempotency_record r
       WHERE r.actor_id = ANY(${group.map((job) => job.actor.id)}::uuid[]) AND r.key = ANY(${group.map((job) => job.key)}::text[])`),
  ]);
  const mine = new Set(inserted.map((row) => `${row.actor_id}\u0000${row.key}`));
  const stored = new Map(existing.map((row) => [`${row.actor_id}\u0000${row.key}`, row]));
  const changed: Job<unknown>[] = [];
  const claimed = group.filter((job) => {
    const id = `${job.actor.id}\u0000${job.key}`;
    if (!holds(job.actor)) {
      outcomes.set(job, { job, ok: false, error: new TokenChanged() });
      if (mine.has(id)) changed.push(job);
      return false;
    }
    if (mine.has(id)) return true;
    const previous = stored.get(id);
    if (!previous || previous.request_hash !== job.hash) {
      outcomes.set(job, { job, ok: false, error: new DomainError("idempotency_conflict", "This Idempotency-Key was already used with a different request body.") });
    } else {
      outcomes.set(job, { job, ok: true, stored: replay(previous) });
    }
    return false;
  });
  return { claimed, changed };
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
    if (isLostDemand(job, error)) await tx.query(lostDemandStatement(job));
    return { job, ok: false, error };
  }
}

/** The event in a transaction of its own, as when nothing else is in flight. */
async function runAlone(job: Job<unknown>): Promise<Outcome> {
  try {
    return {
      job,
      ok: true,
      stored: await transaction(async (tx) => {
        await assertTokens(tx, [job.actor]);
        return post(tx, job);
      }),
    };
  } catch (error) {
    if (isLostDemand(job, error)) {
      await keepLostDemand(job.actor, job.input as Extract<Grouped, { type: "reserve" }>);
    }
    return { job, ok: false, error };
  }
}

function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "40P01" || code === "40001";
}

function lostDemandStatement(job: Job<unknown>) {
  return lostDemand(job.actor, job.input as Extract<Grouped, { type: "reserve" }>);
}

function isLostDemand(job: Job<unknown>, error: unknown): boolean {
  return job.input.type === "reserve" && isDomainError(error) && error.code === "insufficient_quantity";
}

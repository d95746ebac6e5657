import "server-only";
import { transaction, type Db } from "@/lib/server/sql";
import { prisma, type Tx } from "@/lib/server/db";
import type { EventInput } from "@/lib/domain/event-input";
import { once, requestHash, type Stored } from "./idempotency";
import { postEvent, type Actor, type PostedEvent, type PostOptions, type PostResult } from "./post-event";
import { approve, reject } from "./approvals";
import { recordStale, type ApprovalView } from "./approval-store";
import { submitGrouped } from "./group-commit";
import { env } from "@/lib/env";
import { noteCommitted } from "@/lib/server/read-route";
import { authoriseEvent } from "@/lib/domain/authorise";
import { isDomainError } from "@/lib/domain/errors";
import { assertTokens } from "@/lib/server/auth/known-tokens";

/** Master-data work through the Prisma client, in one transaction. */
export function inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  return prisma.$transaction((tx) => work(tx), { maxWait: 30_000, timeout: 30_000 });
}

/** Ledger work on one pooled connection, in one transaction (see lib/server/sql.ts). */
export function ledgerTransaction<T>(work: (tx: Db) => Promise<T>): Promise<T> {
  return transaction(work);
}

type Posted = Extract<PostResult, { kind: "posted" }>;
type PostedBody = { event: PostedEvent; events: PostedEvent[]; group: string; balances: Posted["balances"] };
export type EventResponse = PostedBody | { approval: ApprovalView };

function postedBody(result: Posted): PostedBody {
  return { event: result.events[0], events: result.events, group: result.group, balances: result.balances };
}

export function toResponse(result: PostResult): { status: number; body: EventResponse } {
  if (result.kind === "approval") return { status: 202, body: { approval: result.approval } };
  return { status: 201, body: postedBody(result) };
}

/** `toResponse` with the answer's JSON (`responseText`). */
function answerWithText(result: PostResult): { status: number; body: EventResponse; text: string } {
  const answer = toResponse(result);
  return { status: answer.status, body: answer.body, text: responseText(answer.body) };
}

/**
 * The JSON of an answer, as JSON.stringify writes it, with the first row (both
 * `event` and `events[0]`) serialised once: a batch serialises a thousand answers.
 */
export function responseText(body: EventResponse): string {
  if (!("events" in body)) return JSON.stringify(body);
  const events = body.events.map((event) => JSON.stringify(event));
  return `{"event":${events[0]},"events":[${events.join(",")}],"group":${JSON.stringify(body.group)},"balances":${JSON.stringify(body.balances)}}`;
}

/**
 * Posts one event exactly once per idempotency key, in one transaction. The
 * role's permission is checked first, before a connection, a key or a lock is taken.
 */
export async function submitEvent(
  actor: Actor,
  input: EventInput,
  idempotencyKey: string,
  rawBody: unknown,
  options: Pick<PostOptions, "onProgress"> = {},
): Promise<Stored<EventResponse>> {
  authoriseEvent(actor.role, input.type);
  const hash = requestHash(rawBody);
  if (input.type !== "period.close") {
    // Events that arrive together share a transaction (lib/server/ledger/group-commit.ts),
    // which runs in whichever request's scope started it: each request notes its own
    // events as seen (read-your-writes with a replica, lib/server/read-route.ts).
    const stored = await submitGrouped<EventResponse>(env().DATABASE_URL, { actor, input, key: idempotencyKey, hash, respond: answerWithText });
    if ("events" in stored.body) {
      const seq = Math.max(...stored.body.events.map((event) => event.seq));
      await noteCommitted(seq).catch((error: unknown) => console.warn("[db] read floor not recorded", error)); // committed whatever happens to it
    }
    return stored;
  }
  // A close values every SKU under the exclusive period lock: it runs alone.
  return ledgerTransaction(async (tx) => {
    await assertTokens(tx, [actor]);
    return once(tx, actor.id, idempotencyKey, hash, async (claimed) => toResponse(await postEvent(tx, actor, input, { ...options, claimed })));
  });
}

export async function decide(actor: Actor, id: string, decision: "approve" | "reject", note?: string) {
  try {
    return await ledgerTransaction(async (tx) => {
      if (decision === "reject") return { approval: await reject(tx, actor, id, { note }) };
      const { approval, result } = await approve(tx, actor, id, { note });
      return { approval, ...(result.kind === "posted" ? postedBody(result) : {}) };
    });
  } catch (error) {
    // The refused decision rolled back; the request keeps why, for whoever looks at it next.
    if (isDomainError(error) && error.code === "approval_stale") await ledgerTransaction((tx) => recordStale(tx, id, error.message));
    throw error;
  }
}

import "server-only";
import { prisma, type Tx } from "@/lib/server/db";
import type { EventInput } from "@/lib/domain/event-input";
import { once, requestHash, type Stored } from "./idempotency";
import { postEvent, type Actor, type PostedEvent, type PostResult } from "./post-event";
import { approve, reject } from "./approvals";
import type { ApprovalView } from "./approval-store";

const TX_OPTIONS = { maxWait: 30_000, timeout: 30_000 } as const;

export function inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  return prisma.$transaction((tx) => work(tx), TX_OPTIONS);
}

type Posted = Extract<PostResult, { kind: "posted" }>;
export type EventResponse = { event: PostedEvent; events: PostedEvent[]; balances: Posted["balances"] } | { approval: ApprovalView };

export function toResponse(result: PostResult): { status: number; body: EventResponse } {
  if (result.kind === "approval") return { status: 202, body: { approval: result.approval } };
  return { status: 201, body: { event: result.events[0], events: result.events, balances: result.balances } };
}

/** Posts one event exactly once per idempotency key, in one transaction. */
export function submitEvent(actor: Actor, input: EventInput, idempotencyKey: string, rawBody: unknown): Promise<Stored<EventResponse>> {
  return inTransaction((tx) => once(tx, actor.id, idempotencyKey, requestHash(rawBody), async () => toResponse(await postEvent(tx, actor, input))));
}

export function decide(actor: Actor, id: string, decision: "approve" | "reject", note?: string) {
  return inTransaction(async (tx) => {
    if (decision === "reject") return { approval: await reject(tx, actor, id, note) };
    const { approval, result } = await approve(tx, actor, id, note);
    return { approval, ...(result.kind === "posted" ? { event: result.events[0], events: result.events, balances: result.balances } : {}) };
  });
}

import "server-only";
import { transaction, type Db } from "@/lib/server/sql";
import { prisma, type Tx } from "@/lib/server/db";
import type { EventInput } from "@/lib/domain/event-input";
import { once, requestHash, type Stored } from "./idempotency";
import { postEvent, type Actor, type PostedEvent, type PostResult } from "./post-event";
import { approve, reject } from "./approvals";
import type { ApprovalView } from "./approval-store";

/** Master-data work through the Prisma client, in one transaction. */
export function inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  return prisma.$transaction((tx) => work(tx), { maxWait: 30_000, timeout: 30_000 });
}

/** Ledger work on one pooled connection, in one transaction (see lib/server/sql.ts). */
export function ledgerTransaction<T>(work: (tx: Db) => Promise<T>): Promise<T> {
  return transaction(work);
}

type Posted = Extract<PostResult, { kind: "posted" }>;
export type EventResponse = { event: PostedEvent; events: PostedEvent[]; balances: Posted["balances"] } | { approval: ApprovalView };

export function toResponse(result: PostResult): { status: number; body: EventResponse } {
  if (result.kind === "approval") return { status: 202, body: { approval: result.approval } };
  return { status: 201, body: { event: result.events[0], events: result.events, balances: result.balances } };
}

/** Posts one event exactly once per idempotency key, in one transaction. */
export function submitEvent(actor: Actor, input: EventInput, idempotencyKey: string, rawBody: unknown): Promise<Stored<EventResponse>> {
  return ledgerTransaction((tx) => once(tx, actor.id, idempotencyKey, requestHash(rawBody), async () => toResponse(await postEvent(tx, actor, input))));
}

export function decide(actor: Actor, id: string, decision: "approve" | "reject", note?: string) {
  return ledgerTransaction(async (tx) => {
    if (decision === "reject") return { approval: await reject(tx, actor, id, note) };
    const { approval, result } = await approve(tx, actor, id, note);
    return { approval, ...(result.kind === "posted" ? { event: result.events[0], events: result.events, balances: result.balances } : {}) };
  });
}

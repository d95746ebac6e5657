import "server-only";
import type { Db } from "@/lib/server/sql";
import { lockForDecision, recordDecision, type ApprovalView } from "./approval-store";
import { postEvent, type Actor, type PostResult } from "./post-event";

/** Approving posts the requested event as the requester asked for it; if it no longer fits, nothing changes. */
export async function approve(tx: Db, actor: Actor, id: string, note?: string): Promise<{ approval: ApprovalView; result: PostResult }> {
  const { input, requester } = await lockForDecision(tx, actor, id);
  const result = await postEvent(tx, requester, input, { approvalId: id });
  const eventSeq = result.kind === "posted" ? result.events[0]?.seq : undefined;
  const approval = await recordDecision(tx, id, { status: "approved", deciderId: actor.id, note, eventSeq });
  return { approval, result };
}

export async function reject(tx: Db, actor: Actor, id: string, note?: string): Promise<ApprovalView> {
  await lockForDecision(tx, actor, id);
  return recordDecision(tx, id, { status: "rejected", deciderId: actor.id, note });
}

import "server-only";
import type { Db } from "@/lib/server/sql";
import { lockForDecision, recordDecision, type ApprovalView } from "./approval-store";
import { postEvent, type Actor, type PostResult } from "./post-event";

type DecisionOptions = { note?: string; now?: Date; at?: Date };

/**
 * Approving posts, as the requester, exactly the moves the request showed; if
 * they no longer fit, the decision is refused (approval_stale) and nothing changes.
 */
export async function approve(tx: Db, actor: Actor, id: string, options: DecisionOptions = {}): Promise<{ approval: ApprovalView; result: PostResult }> {
  const { input, requester, plan } = await lockForDecision(tx, actor, id);
  const result = await postEvent(tx, requester, input, { approval: { id, plan }, now: options.now });
  const posted = result.kind === "posted" ? result : undefined;
  const approval = await recordDecision(tx, id, {
    status: "approved", deciderId: actor.id, note: options.note, eventSeq: posted?.events[0]?.seq, eventGroup: posted?.group, at: options.at,
  });
  return { approval, result };
}

export async function reject(tx: Db, actor: Actor, id: string, options: DecisionOptions = {}): Promise<ApprovalView> {
  await lockForDecision(tx, actor, id);
  return recordDecision(tx, id, { status: "rejected", deciderId: actor.id, note: options.note, at: options.at });
}

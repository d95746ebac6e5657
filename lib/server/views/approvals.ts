import "server-only";
import { prisma, type Tx } from "@/lib/server/db";
import { listApprovals, type ApprovalView } from "@/lib/server/ledger/approval-store";

export const HISTORY_LIMIT = 50;

/**
 * The approvals board: every pending request, then the latest decisions. Both
 * lists come from the store ordered by request time, so merging the approved and
 * rejected lists and taking the top HISTORY_LIMIT is exact.
 */
export async function approvalBoard(db: Tx = prisma): Promise<{ pending: ApprovalView[]; decided: ApprovalView[] }> {
  const [pending, approved, rejected] = await Promise.all([
    listApprovals(db, { status: "pending", limit: 200 }),
    listApprovals(db, { status: "approved", limit: HISTORY_LIMIT }),
    listApprovals(db, { status: "rejected", limit: HISTORY_LIMIT }),
  ]);
  const decided = [...approved, ...rejected]
    .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt))
    .slice(0, HISTORY_LIMIT);
  return { pending, decided };
}

export type ApprovalBoardData = Awaited<ReturnType<typeof approvalBoard>>;

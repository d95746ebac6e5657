import "server-only";
import { db as sqlDb, type Db } from "@/lib/server/sql";
import { listApprovals, type ApprovalView } from "@/lib/server/ledger/approval-store";
import { memo } from "./memo";

export const HISTORY_LIMIT = 50;
// The store orders by request time; a window this wide holds every recent decision
// unless hundreds of newer requests were decided first.
const HISTORY_WINDOW = 200;

/**
 * The approvals board: every pending request, then the latest decisions, newest
 * decision first. (An exact "ORDER BY decided_at" needs that option in
 * listApprovals; until then the approved and rejected windows are merged here.)
 */
export async function approvalBoard(db: Db = sqlDb): Promise<{ pending: ApprovalView[]; decided: ApprovalView[] }> {
  return memo(db, ["approvalBoard"], () => readBoard(db));
}

async function readBoard(db: Db): Promise<{ pending: ApprovalView[]; decided: ApprovalView[] }> {
  const [pending, approved, rejected] = await Promise.all([
    listApprovals(db, { status: "pending", limit: 200 }),
    listApprovals(db, { status: "approved", limit: HISTORY_WINDOW }),
    listApprovals(db, { status: "rejected", limit: HISTORY_WINDOW }),
  ]);
  const decided = [...approved, ...rejected]
    .sort((a, b) => (b.decidedAt ?? "").localeCompare(a.decidedAt ?? ""))
    .slice(0, HISTORY_LIMIT);
  return { pending, decided };
}

export type ApprovalBoardData = Awaited<ReturnType<typeof approvalBoard>>;

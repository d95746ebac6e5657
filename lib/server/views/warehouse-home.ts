import "server-only";
import { sql, db as pooled, type Db } from "@/lib/server/sql";
import { isOverdue } from "@/lib/domain/warehouse/transfers";
import { queueCounts, type QueueCount } from "./warehouse-queues";
import { transfersInFlight } from "./warehouse-transfers";
import { countDueTotal } from "./warehouse-counts";
import { rebalanceCount } from "./warehouse-rebalance";

export const COUNT_DUE_DAYS = 30;

export type WarehouseHome = {
  queues: QueueCount[];
  transfers: { inFlight: number; overdue: number; units: number };
  approvalsPending: number;
  countsDue: number;
  countDueDays: number;
  suggestions: number;
  now: Date;
};

/** Everything the warehouse home shows, read together. */
export async function warehouseHome(db: Db = pooled, now = new Date()): Promise<WarehouseHome> {
  const [queues, transfers, approvals, countsDue, suggestions] = await Promise.all([
    queueCounts(db),
    transfersInFlight(db, now),
    db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM approval_request WHERE status = 'pending' AND type = ANY(${["count", "hold.release", "return.receive"]}::text[])`),
    countDueTotal(COUNT_DUE_DAYS, db),
    rebalanceCount(db, now),
  ]);
  return {
    queues,
    transfers: { inFlight: transfers.length, overdue: transfers.filter((t) => isOverdue(t, now)).length, units: transfers.reduce((total, t) => total + t.qty, 0) },
    approvalsPending: approvals[0]?.n ?? 0,
    countsDue,
    countDueDays: COUNT_DUE_DAYS,
    suggestions,
    now,
  };
}

import "server-only";
import { sql, type Db } from "@/lib/server/sql";
import { periodEnd, periodOf } from "@/lib/domain/periods";
import type { AdjustmentFigures, AdjustmentKind, Adjustments } from "./types";

const KINDS: AdjustmentKind[] = ["reverse", "count", "writeoff"];
const start = (period: string) => new Date(`${period}-01T00:00:00Z`);
const NONE: AdjustmentFigures = { count: 0, net: "0.00", gross: "0.00" };

type Row = { kind: AdjustmentKind; current: boolean; count: number; net: string; gross: string };

/**
 * Journal entries that exist only to set the books straight: reversals, count
 * variances and write-offs, this month and last (business time, UTC). Each
 * group's value is what it did to the inventory accounts; net keeps the sign,
 * gross adds them up regardless, so gains cannot hide losses.
 */
export async function adjustments(db: Db, now = new Date()): Promise<Adjustments> {
  const thisPeriod = periodOf(now);
  const lastPeriod = periodOf(new Date(start(thisPeriod).getTime() - 1));
  const rows = await db.query<Row>(sql`
    WITH g AS (
      SELECT e.group_id, e.type AS kind, min(e.occurred_at) AS at, coalesce(sum(j.debit - j.credit), 0) AS value
      FROM ledger_event e
      LEFT JOIN journal_line j ON j.seq = e.seq AND j.account IN ('inventory', 'inventory_in_transit')
      WHERE e.type = ANY(${KINDS}::text[]) AND e.from_state IS NOT NULL
        AND e.occurred_at >= ${start(lastPeriod)} AND e.occurred_at < ${periodEnd(thisPeriod)}
      GROUP BY e.group_id, e.type
    )
    SELECT kind, at >= ${start(thisPeriod)} AS current, count(*)::int AS count,
      sum(value)::numeric(20, 2)::text AS net, sum(abs(value))::numeric(20, 2)::text AS gross
    FROM g GROUP BY 1, 2`);
  const find = (kind: AdjustmentKind, current: boolean): AdjustmentFigures => {
    const row = rows.find((r) => r.kind === kind && r.current === current);
    return row ? { count: row.count, net: row.net, gross: row.gross } : NONE;
  };
  return { thisPeriod, lastPeriod, rows: KINDS.map((kind) => ({ kind, current: find(kind, true), previous: find(kind, false) })) };
}

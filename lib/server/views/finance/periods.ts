import "server-only";
import { sql, db as pooled, type Db } from "@/lib/server/sql";
import { memoShared } from "../memo";
import { pageOfList } from "../paging";
import { DomainError } from "@/lib/domain/errors";
import { AMOUNT_SCALE, fromMinor, toMinor } from "@/lib/domain/money";
import { trialBalanceOf } from "./trial-balance";
import type { ClosedPeriod, ClosedPeriodSummary, CostingMethod, ValuationRow } from "./types";

// What a close stored is read back as stored: these figures never change, even if
// a later view of the same moment would be computed differently.

type Head = { period: string; closed_at: Date; closed_by: string };
type ValuationRecord = ValuationRow & { period: string; method: CostingMethod };
type SumRecord = { period: string; account: string; debit: string; credit: string };

type StoredPeriod = Omit<ClosedPeriod, "valuation"> & { valuation: { rows: ValuationRow[]; value: string; owned: number } };

/** Closed months (one, or all when `period` is null), newest first: three statements whatever their number. */
async function readClosed(period: string | null, db: Db): Promise<StoredPeriod[]> {
  const [heads, valuation, sums] = await Promise.all([
    db.query<Head>(sql`
      SELECT p.period, p.closed_at, u.name AS closed_by FROM period p JOIN app_user u ON u.id = p.closed_by
      WHERE ${period}::text IS NULL OR p.period = ${period} ORDER BY p.period DESC`),
    db.query<ValuationRecord>(sql`
      SELECT v.period, s.code AS sku, s.name, s.costing_method::text AS method, l.code AS location, v.owned, v.valued, v.value::text AS value,
        CASE WHEN v.valued > 0 THEN round(v.value / v.valued, 4)::text END AS "unitCost"
      FROM period_valuation v JOIN sku s ON s.id = v.sku_id JOIN location l ON l.id = v.location_id
      WHERE ${period}::text IS NULL OR v.period = ${period} ORDER BY s.code, l.code`),
    db.query<SumRecord>(sql`
      SELECT period, account, debit::text, credit::text FROM period_trial_balance WHERE ${period}::text IS NULL OR period = ${period}`),
  ]);
  return heads.map((head) => {
    const rows: ValuationRow[] = valuation
      .filter((row) => row.period === head.period)
      .map(({ period: _period, ...row }) => row);
    const value = rows.reduce((sum, row) => sum + toMinor(row.value, AMOUNT_SCALE), 0n);
    return {
      period: head.period,
      closedAt: new Date(head.closed_at).toISOString(),
      closedBy: head.closed_by,
      trialBalance: trialBalanceOf(sums.filter((row) => row.period === head.period)),
      valuation: { rows, value: fromMinor(value, AMOUNT_SCALE), owned: rows.reduce((sum, row) => sum + row.owned, 0) },
    };
  });
}

type SummaryRecord = { period: string; closed_at: Date; closed_by: string; owned: number; value: string; debit: string; credit: string };

/** Every closed month, newest first, with the totals of the valuation and trial balance stored at its close. */
export async function closedPeriods(db: Db = pooled): Promise<ClosedPeriodSummary[]> {
  const rows = await db.query<SummaryRecord>(sql`
    SELECT p.period, p.closed_at, u.name AS closed_by,
      coalesce((SELECT sum(owned) FROM period_valuation v WHERE v.period = p.period), 0)::int AS owned,
      coalesce((SELECT sum(value) FROM period_valuation v WHERE v.period = p.period), 0)::numeric(20, 2)::text AS value,
      coalesce((SELECT sum(debit) FROM period_trial_balance t WHERE t.period = p.period), 0)::numeric(20, 2)::text AS debit,
      coalesce((SELECT sum(credit) FROM period_trial_balance t WHERE t.period = p.period), 0)::numeric(20, 2)::text AS credit
    FROM period p JOIN app_user u ON u.id = p.closed_by ORDER BY p.period DESC`);
  return rows.map((r) => ({
    period: r.period, closedAt: new Date(r.closed_at).toISOString(), closedBy: r.closed_by, owned: r.owned, value: r.value, balanced: r.debit === r.credit,
  }));
}

/**
 * One closed month; a month that is not closed is not found. With `page`, its
 * valuation rows are that page of them (a month holds a row per SKU and
 * location, thousands at scale); the totals are always over every row.
 */
export async function closedPeriod(period: string, opts: { page?: number } = {}, db: Db = pooled): Promise<ClosedPeriod> {
  // Stored figures never change, so the kept month is shared by every reader, and only the rows handed out are copied.
  const [found] = await memoShared(db, ["closedPeriod", period], () => readClosed(period, db));
  if (!found) throw new DomainError("not_found", `Period ${period} is not closed.`, { period: ["not closed"] });
  const { rows: all, value, owned } = found.valuation;
  const { rows, total, page, pageCount } = opts.page === undefined ? { rows: all, total: all.length, page: 1, pageCount: 1 } : pageOfList(all, opts.page);
  return {
    period: found.period,
    closedAt: found.closedAt,
    closedBy: found.closedBy,
    trialBalance: structuredClone(found.trialBalance),
    valuation: { rows: structuredClone(rows), value, owned, total, page, pageCount },
  };
}

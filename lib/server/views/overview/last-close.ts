import "server-only";
import { sql, type Db } from "@/lib/server/sql";
import { periodEnd } from "@/lib/domain/periods";
import { valuationCte } from "../finance/valuation";

export type LastClose = { period: string; closedAt: Date; closedBy: string; lastInstant: Date };

export async function lastClose(db: Db): Promise<LastClose | null> {
  const [row] = await db.query<{ period: string; closed_at: Date; closed_by: string }>(sql`
    SELECT p.period, p.closed_at, u.name AS closed_by FROM period p JOIN app_user u ON u.id = p.closed_by ORDER BY p.period DESC LIMIT 1`);
  if (!row) return null;
  // The valuation reads "as of" inclusively: the month's last instant is a millisecond before the next begins (as the close does).
  return { period: row.period, closedAt: new Date(row.closed_at), closedBy: row.closed_by, lastInstant: new Date(periodEnd(row.period).getTime() - 1) };
}

/**
 * Per SKU and location, what the close stored beside the valuation recomputed
 * now as of the month's last instant (the same rows the close keeps: owned units
 * or value not zero), as a CTE named `compared`.
 */
export function comparedCte(close: LastClose) {
  return sql`${valuationCte(close.lastInstant)}, recomputed AS (
      SELECT sku_id, location_id, owned, value FROM valuation WHERE owned <> 0 OR value <> 0
    ), stored AS (
      SELECT sku_id, location_id, owned, value FROM period_valuation WHERE period = ${close.period}
    ), compared AS (
      SELECT coalesce(s.sku_id, r.sku_id) AS sku_id, coalesce(s.location_id, r.location_id) AS location_id,
        s.owned AS stored_owned, s.value AS stored_value, r.owned AS owned, r.value AS value,
        (s.owned IS DISTINCT FROM r.owned OR s.value IS DISTINCT FROM r.value) AS differs
      FROM stored s FULL JOIN recomputed r ON r.sku_id = s.sku_id AND r.location_id = s.location_id
    )`;
}

import "server-only";
import { sql, type Db, type Sql } from "@/lib/server/sql";
import type { TraceFilter } from "./trace-types";

export const TRACE_PAGE_SIZE = 50;

/**
 * Does a ledger row belong to the document asked for? Its reference, a leg's
 * document (PO, order line, RMA, transfer), or what its data names; and, so an
 * order line can be followed past its return, the inspection of an RMA that
 * came back from that line.
 */
function matchesReference(skuId: string, reference: string): Sql {
  return sql`(e.reference = ${reference} OR e.from_doc = ${reference} OR e.to_doc = ${reference}
    OR e.data->>'orderLine' = ${reference} OR e.data->>'rma' = ${reference} OR e.data->>'transfer' = ${reference}
    OR e.from_doc IN (SELECT r.to_doc FROM ledger_event r
      WHERE r.sku_id = ${skuId}::uuid AND r.to_state = 'RETURN_QC' AND r.from_doc = ${reference} AND r.to_doc <> ''))`;
}

/**
 * The rows the filter keeps: the SKU's, plus each period close after its first
 * event (the timeline runs to the financial close) when no document is asked for.
 */
function matching(skuId: string, filter: TraceFilter): Sql {
  const own = filter.reference
    ? sql`e.sku_id = ${skuId}::uuid AND ${matchesReference(skuId, filter.reference)}`
    : sql`(e.sku_id = ${skuId}::uuid OR (e.sku_id IS NULL AND e.type = 'period.close'
        AND e.seq > (SELECT min(seq) FROM ledger_event WHERE sku_id = ${skuId}::uuid)))`;
  return sql`${own}
    AND (${filter.from ?? null}::timestamptz IS NULL OR e.occurred_at >= ${filter.from ?? null})
    AND (${filter.to ?? null}::timestamptz IS NULL OR e.occurred_at < ${filter.to ?? null})`;
}

type PageRow = { group_id: string; first: number; older: boolean; newer: boolean };

/**
 * One page of event groups, by their first row's seq (posting order): after a
 * cursor going forward, before one going back. A group shows whole when any of
 * its rows matches. Whether more lie on either side is answered in the same statement.
 */
export async function selectGroups(db: Db, skuId: string, filter: TraceFilter): Promise<{ groups: { group: string; first: number }[]; next: number | null; previous: number | null }> {
  const backward = filter.before !== undefined && filter.after === undefined;
  const rows = await db.query<PageRow>(sql`
    WITH matched AS (
      SELECT e.group_id, min(e.seq) AS first FROM ledger_event e WHERE ${matching(skuId, filter)} GROUP BY e.group_id
    ), page AS (
      SELECT * FROM matched
      WHERE ${backward ? sql`first < ${filter.before ?? 0}` : sql`first > ${filter.after ?? 0}`}
      ORDER BY first ${backward ? sql`DESC` : sql`ASC`} LIMIT ${TRACE_PAGE_SIZE}
    )
    SELECT p.group_id::text, p.first,
      EXISTS (SELECT 1 FROM matched m WHERE m.first < (SELECT min(first) FROM page)) AS older,
      EXISTS (SELECT 1 FROM matched m WHERE m.first > (SELECT max(first) FROM page)) AS newer
    FROM page p ORDER BY p.first`);
  const groups = rows.map((row) => ({ group: row.group_id, first: Number(row.first) }));
  return {
    groups,
    next: rows[0]?.newer ? groups[groups.length - 1].first : null,
    previous: rows[0]?.older ? groups[0].first : null,
  };
}

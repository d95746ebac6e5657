import "server-only";
import { sql, type Db } from "@/lib/server/sql";
import { completeShare, DOCUMENTED_TYPES, isTraceCheck } from "@/lib/domain/trace/completeness";
import { comparedCte, type LastClose } from "./last-close";
import type { IncompleteSku, Traceability } from "./types";

export const INCOMPLETE_LIST_SIZE = 12;

type Row = { total: number; incomplete: number; rows: { sku: string; name: string; reasons: { check: string; count: number; first_seq: number | null }[] }[] | null };

/**
 * Every SKU checked against lib/domain/trace/completeness.ts in one statement:
 * each check yields (SKU, check, seq) rows; a SKU with none is complete. The
 * list of incomplete SKUs is paged in SQL, by code.
 */
export async function traceability(db: Db, close: LastClose | null, page = 1): Promise<Traceability> {
  const closeIssues = close
    ? sql`UNION ALL SELECT sku_id, 'close_matches', NULL::bigint FROM compared WHERE differs`
    : sql``;
  const [result] = await db.query<Row>(sql`
    WITH ${close ? sql`${comparedCte(close)},` : sql``} issues(sku_id, check_id, seq) AS (
      SELECT e.sku_id, 'document', e.seq FROM ledger_event e
        WHERE e.sku_id IS NOT NULL AND e.from_state IS NOT NULL AND e.type = ANY(${[...DOCUMENTED_TYPES]}::text[])
          AND e.from_doc = '' AND e.to_doc = '' AND coalesce(e.reference, '') = ''
      UNION ALL SELECT e.sku_id, 'po_confirmed', e.seq FROM ledger_event e
        WHERE e.type = 'receive' AND NOT EXISTS (
          SELECT 1 FROM ledger_event c WHERE c.sku_id = e.sku_id AND c.type = 'po.confirm' AND c.to_doc = e.from_doc)
      UNION ALL SELECT e.sku_id, 'reserved', e.seq FROM ledger_event e
        WHERE e.type = 'ship' AND NOT EXISTS (
          SELECT 1 FROM ledger_event r WHERE r.sku_id = e.sku_id AND r.type = 'reserve' AND r.to_doc = e.from_doc)
      UNION ALL SELECT j.sku_id, 'journal_linked', j.seq FROM journal_line j
        WHERE NOT EXISTS (SELECT 1 FROM ledger_event e WHERE e.seq = j.seq AND e.sku_id = j.sku_id AND e.group_id = j.group_id)
      ${closeIssues}
    ), per_check AS (
      SELECT sku_id, check_id, count(*)::int AS n, min(seq) AS first_seq FROM issues GROUP BY 1, 2
    ), per_sku AS (
      SELECT s.code AS sku, s.name, json_agg(json_build_object('check', p.check_id, 'count', p.n, 'first_seq', p.first_seq) ORDER BY p.check_id) AS reasons
      FROM per_check p JOIN sku s ON s.id = p.sku_id GROUP BY s.code, s.name
    )
    SELECT (SELECT count(*)::int FROM sku s WHERE EXISTS (SELECT 1 FROM ledger_event e WHERE e.sku_id = s.id)) AS total,
      (SELECT count(*)::int FROM per_sku) AS incomplete,
      (SELECT json_agg(p ORDER BY p.sku) FROM (SELECT * FROM per_sku ORDER BY sku
        LIMIT ${INCOMPLETE_LIST_SIZE} OFFSET ${(Math.max(1, page) - 1) * INCOMPLETE_LIST_SIZE}) AS p) AS rows`);
  const incomplete: IncompleteSku[] = (result.rows ?? []).map((row) => ({
    sku: row.sku,
    name: row.name,
    reasons: row.reasons.flatMap((r) => (isTraceCheck(r.check) ? [{ check: r.check, count: r.count, firstSeq: r.first_seq === null ? null : Number(r.first_seq) }] : [])),
  }));
  return {
    total: result.total,
    complete: result.total - result.incomplete,
    share: completeShare(result.total, result.incomplete),
    incomplete,
    incompleteTotal: result.incomplete,
  };
}

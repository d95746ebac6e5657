import "server-only";
import { sql, db as pooled, type Db } from "@/lib/server/sql";
import { AMOUNT_SCALE, fromMinor, toMinor } from "@/lib/domain/money";
import { memoShared } from "../memo";
import { PAGE_SIZE } from "../paging";
import { pastOrNow } from "./as-of";
import type { GrniAging, GrniRow } from "./types";

type RowRecord = { sku: string; po: string; location: string; supplier: string | null; qty: number; value: string; since: Date };

const DAY_MS = 86_400_000;

/**
 * Goods received (or owned in transit) and not invoiced, per SKU and document
 * (a PO, or a drop ship's reference): the documents whose GRNI lines up to the
 * moment leave a credit balance, oldest first. `qty` is what can still be
 * invoiced now (invoice_match: booked − invoiced).
 */
export async function grniAging(opts: { asOf?: Date; page?: number } = {}, db: Db = pooled): Promise<GrniAging> {
  const asOf = pastOrNow(opts.asOf);
  const at = asOf ?? new Date();
  const page = Math.max(1, Math.floor(opts.page ?? 1));
  // Every open document in one statement, oldest first, kept while nothing is written (memo.ts); a page is a slice of it.
  const all = await memoShared(db, ["grniAging", asOf?.toISOString() ?? null], () =>
    db.query<RowRecord>(sql`
      WITH open AS (
        SELECT j.sku_id, j.doc, -sum(j.debit - j.credit) AS value, min(j.occurred_at) AS since, min(j.location_id::text) AS location_id
        FROM journal_line j WHERE j.account = 'grni' AND j.occurred_at <= ${at}
        GROUP BY j.sku_id, j.doc HAVING sum(j.debit - j.credit) < 0
      )
      SELECT s.code AS sku, o.doc AS po, l.code AS location, d.party AS supplier,
        coalesce(im.booked_qty - im.invoiced_qty, 0)::int AS qty, o.value::numeric(20, 2)::text AS value, o.since
      FROM open o JOIN sku s ON s.id = o.sku_id
      LEFT JOIN invoice_match im ON im.sku_id = o.sku_id AND im.doc = o.doc
      LEFT JOIN document d ON d.kind = 'po' AND d.ref = o.doc AND d.sku_id = o.sku_id
      JOIN location l ON l.id = coalesce(im.location_id, o.location_id::uuid)
      ORDER BY o.since, s.code, o.doc`));
  const value = fromMinor(all.reduce((sum, row) => sum + toMinor(row.value, AMOUNT_SCALE), 0n), AMOUNT_SCALE);
  const result = { rows: all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), total: all.length, value };
  const rows: GrniRow[] = result.rows.map((row) => {
    const since = new Date(row.since);
    return { ...row, since: since.toISOString(), ageDays: Math.max(0, Math.floor((at.getTime() - since.getTime()) / DAY_MS)) };
  });
  return { rows, total: result.total, page, pageCount: Math.max(1, Math.ceil(result.total / PAGE_SIZE)), value: result.value, asOf: at.toISOString() };
}

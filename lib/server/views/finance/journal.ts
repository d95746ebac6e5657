import "server-only";
import { sql, db as pooled, type Db, type Sql } from "@/lib/server/sql";
import { DomainError } from "@/lib/domain/errors";
import { memo } from "../memo";
import type { Account, JournalFilter, JournalLineView, JournalPage } from "./types";

export const JOURNAL_PAGE_SIZE = 50;
const MAX_LIMIT = 500;
const CSV_BATCH = 1000;

type LineRecord = {
  id: number; event_id: string; seq: number; group_id: string; type: string; sku: string; location: string;
  account: Account; debit: string; credit: string; occurred_at: Date; doc: string;
};

const toView = (r: LineRecord): JournalLineView => ({
  id: r.id, eventId: r.event_id, seq: r.seq, group: r.group_id, type: r.type, sku: r.sku, location: r.location,
  account: r.account, debit: r.debit, credit: r.credit, occurredAt: new Date(r.occurred_at).toISOString(), doc: r.doc,
});

/** The SKU's id, or a refusal naming the code; no SKU filter when none is asked for. */
async function skuFilter(code: string | undefined, db: Db): Promise<string | null> {
  if (!code) return null;
  const [row] = await db.query<{ id: string }>(sql`SELECT id::text FROM sku WHERE code = ${code}`);
  if (!row) throw new DomainError("unknown_sku", `There is no SKU '${code}'.`, { sku: ["unknown SKU"] });
  return row.id;
}

// Each condition is always present and switched off by a NULL parameter: one
// statement text, so the prepared plan is shared by every combination of filters.
function where(filter: JournalFilter, skuId: string | null): Sql {
  return sql`(${filter.from ?? null}::timestamptz IS NULL OR j.occurred_at >= ${filter.from ?? null})
    AND (${filter.to ?? null}::timestamptz IS NULL OR j.occurred_at < ${filter.to ?? null})
    AND (${skuId}::uuid IS NULL OR j.sku_id = ${skuId}::uuid)
    AND (${filter.account ?? null}::text IS NULL OR j.account = ${filter.account ?? null})`;
}

const SELECT_LINES = sql`
  SELECT j.id, e.id::text AS event_id, j.seq, j.group_id::text, e.type, s.code AS sku, l.code AS location, j.account,
    j.debit::text, j.credit::text, j.occurred_at, j.doc
  FROM journal_line j JOIN ledger_event e ON e.seq = j.seq JOIN sku s ON s.id = j.sku_id JOIN location l ON l.id = j.location_id`;

/** One page of journal lines in business-time order (then posting order), filtered in SQL. */
export async function journalLines(
  opts: JournalFilter & { page?: number; limit?: number },
  db: Db = pooled,
): Promise<JournalPage> {
  const skuId = await skuFilter(opts.sku, db);
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(opts.limit ?? JOURNAL_PAGE_SIZE)));
  const page = Math.max(1, Math.floor(opts.page ?? 1));
  const count = () => db.query<{ total: number }>(sql`SELECT count(*)::int AS total FROM journal_line j WHERE ${where(opts, skuId)}`);
  const [lines, [{ total }]] = await Promise.all([
    db.query<LineRecord>(sql`${SELECT_LINES} WHERE ${where(opts, skuId)} ORDER BY j.occurred_at, j.id LIMIT ${limit} OFFSET ${(page - 1) * limit}`),
    // Without a SKU the count reads the whole journal: kept while nothing is written (memo.ts).
    skuId ? count() : memo(db, ["journalCount", opts.from?.toISOString() ?? null, opts.to?.toISOString() ?? null, opts.account ?? null], count),
  ]);
  return { lines: lines.map(toView), total, page, pageCount: Math.max(1, Math.ceil(total / limit)) };
}

export const CSV_COLUMNS = ["id", "occurredAt", "seq", "eventId", "type", "group", "sku", "location", "account", "debit", "credit", "doc"] as const;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break;
 * quotes doubled. Text a person typed (a reference) that a spreadsheet would run as
 * a formula (=, +, -, @, tab, CR first) is kept as text with a leading apostrophe;
 * amounts are never negative here, so no figure is touched.
 */
export function csvField(value: string | number): string {
  const raw = String(value);
  const text = typeof value === "string" && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvLine = (line: JournalLineView) => CSV_COLUMNS.map((column) => csvField(line[column])).join(",") + "\r\n";

/**
 * The journal as CSV, header first, read in batches by keyset (occurred_at, id)
 * so an export of any size never sits in memory whole. Lines posted after the
 * export began are left out: it answers for the moment it was asked. `batch`
 * (lines per statement) is there for tests.
 */
export async function* journalCsv(opts: JournalFilter & { batch?: number }, db: Db = pooled): AsyncGenerator<string> {
  const size = Math.max(1, Math.floor(opts.batch ?? CSV_BATCH));
  const skuId = await skuFilter(opts.sku, db);
  const [{ last }] = await db.query<{ last: number }>(sql`SELECT coalesce(max(id), 0)::bigint AS last FROM journal_line`);
  yield CSV_COLUMNS.join(",") + "\r\n";
  let after: { at: Date; id: number } | null = null;
  for (;;) {
    const batch: LineRecord[] = await db.query<LineRecord>(sql`${SELECT_LINES}
      WHERE ${where(opts, skuId)} AND j.id <= ${last}
        AND (${after?.at ?? null}::timestamptz IS NULL OR (j.occurred_at, j.id) > (${after?.at ?? null}::timestamptz, ${after?.id ?? 0}::bigint))
      ORDER BY j.occurred_at, j.id LIMIT ${size}`);
    if (batch.length) yield batch.map((row) => csvLine(toView(row))).join("");
    if (batch.length < size) return;
    const tail = batch[batch.length - 1];
    after = { at: new Date(tail.occurred_at), id: tail.id };
  }
}

import "server-only";
import { sql, type Db } from "@/lib/server/sql";
import { moneyOf, type LiveNotice } from "./notice";

type GroupRow = {
  seq: number; first: number; group: string; type: string; sku: string | null;
  locations: string[] | null; occurred_at: Date; data: Record<string, unknown>;
};

/**
 * The groups committed after `after`, as the notices their commits sent, in seq
 * order (one SKU's groups never interleave: its lock is held to commit). At most
 * `limit` ledger rows are read; `complete` is false when there were more (the
 * caller then starts its reader afresh rather than replay a long history).
 */
export async function groupsAfter(db: Db, after: number, options: { limit: number; skus?: readonly string[] }): Promise<{ notices: LiveNotice[]; complete: boolean }> {
  const skuFilter = options.skus?.length ? sql`AND sku_id IN (SELECT id FROM sku WHERE code = ANY(${options.skus as string[]}::text[]))` : sql``;
  const rows = await db.query<GroupRow & { rows: number }>(sql`
    WITH e AS (
      SELECT seq, group_id, type, sku_id, location_id, to_location_id, occurred_at, data FROM ledger_event
      WHERE seq > ${after} ${skuFilter} ORDER BY seq LIMIT ${options.limit + 1}
    )
    SELECT max(e.seq) AS seq, min(e.seq) AS first, e.group_id::text AS "group", min(e.type) AS type, min(s.code) AS sku,
           array_remove(array(SELECT DISTINCT unnest(array_agg(fl.code) || array_agg(tl.code)) ORDER BY 1), NULL) AS locations,
           min(e.occurred_at) AS occurred_at, (array_agg(e.data ORDER BY e.seq))[1] AS data, (SELECT count(*) FROM e)::int AS rows
    FROM e
    LEFT JOIN sku s ON s.id = e.sku_id
    LEFT JOIN location fl ON fl.id = e.location_id
    LEFT JOIN location tl ON tl.id = e.to_location_id
    GROUP BY e.group_id
    ORDER BY max(e.seq)`);
  const complete = !rows.length || rows[0].rows <= options.limit;
  const notices = rows.map((row): LiveNotice => ({
    seq: Number(row.seq),
    first: Number(row.first),
    group: row.group,
    type: row.type,
    sku: row.sku,
    locations: row.locations ?? [],
    occurredAt: new Date(row.occurred_at).toISOString(),
    money: moneyOf(row.data ?? {}),
  }));
  return { notices: complete ? notices : [], complete };
}

/** The newest seq in the ledger: what a screen shows before any event arrives. */
export async function lastSeq(db: Db): Promise<number> {
  const [row] = await db.query<{ seq: number | null }>(sql`SELECT max(seq) AS seq FROM ledger_event`);
  return Number(row?.seq ?? 0);
}

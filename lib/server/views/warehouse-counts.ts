import "server-only";
import { sql, db as pooled, type Db } from "@/lib/server/sql";
import { memo } from "./memo";

const DAY_MS = 86_400_000;

export type CountEntry = {
  /** The approval request or the event group that recorded the count. */
  id: string;
  sku: string;
  location: string;
  bin: string;
  countedQty: number | null;
  expected: number | null;
  variance: number | null;
  countedBy: string;
  countedAt: string;
  status: "posted" | "pending" | "approved" | "rejected";
  decidedBy: string | null;
};

type CountRecord = Omit<CountEntry, "countedAt"> & { counted_at: Date };

const LIST_SIZE = 15;

/**
 * Counts as the lead audits them: who counted, the variance, and who approved
 * it when it was beyond tolerance. A count within tolerance is a ledger group of
 * its own; one beyond it is an approval request (which names the group it posted).
 */
export async function recentCounts(db: Db = pooled): Promise<CountEntry[]> {
  const rows = await db.query<CountRecord>(sql`
    SELECT * FROM (
      SELECT DISTINCT ON (e.group_id) e.group_id::text AS id, s.code AS sku, l.code AS location, coalesce(e.data->>'bin', '') AS bin,
        (e.data->>'countedQty')::int AS "countedQty", (e.data->>'expected')::int AS expected, (e.data->>'variance')::int AS variance,
        u.name AS "countedBy", e.occurred_at AS counted_at, 'posted' AS status, NULL AS "decidedBy"
      FROM ledger_event e JOIN sku s ON s.id = e.sku_id JOIN location l ON l.id = e.location_id JOIN app_user u ON u.id = e.actor_id
      WHERE e.type = 'count' AND e.approval_id IS NULL
      UNION ALL
      SELECT r.id::text, s.code, r.payload->'input'->>'location', coalesce(r.payload->'input'->>'bin', ''),
        (r.payload->'plan'->'data'->>'countedQty')::int, (r.payload->'plan'->'data'->>'expected')::int, (r.payload->'plan'->'data'->>'variance')::int,
        u.name, r.requested_at, r.status::text, d.name
      FROM approval_request r JOIN sku s ON s.id = r.sku_id JOIN app_user u ON u.id = r.requested_by LEFT JOIN app_user d ON d.id = r.decided_by
      WHERE r.type = 'count'
    ) c ORDER BY counted_at DESC LIMIT ${LIST_SIZE}`);
  return rows.map(({ counted_at, ...row }) => ({ ...row, countedAt: counted_at.toISOString() }));
}

export type CountDue = { sku: string; name: string; location: string; onHand: number; value: string; shipped30: number; lastCounted: string | null };

/**
 * SKU × location with stock on the shelf that nobody has counted for `days`
 * days (or ever), the most valuable first, or the fastest moving. Value is on
 * hand × the standard cost, else the latest PO unit cost.
 */
const stockNotCounted = (cutoff: Date) => sql`
    stock AS (
      SELECT sku_id, location_id, sum(qty)::int AS on_hand FROM balance
      WHERE qty <> 0 AND state = ANY(${["AVAILABLE", "RESERVED", "PICKED", "PACKED"]}::text[]) GROUP BY 1, 2 HAVING sum(qty) > 0
    ), last_count AS (
      SELECT sku_id, location_id, max(occurred_at) AS at FROM ledger_event WHERE type = 'count' GROUP BY 1, 2
    ), due AS (
      SELECT st.*, lc.at AS last_counted FROM stock st
      LEFT JOIN last_count lc ON lc.sku_id = st.sku_id AND lc.location_id = st.location_id
      WHERE lc.at IS NULL OR lc.at < ${cutoff}
    )`;

/**
 * The first moment after `cutoff` at which a pair counted since then falls due
 * (its count is `days` old): until then the pairs due stay the same unless
 * something is written. Kept answers (memo.ts) expire at it.
 */
const nextDue = (cutoff: Date, days: number) =>
  sql`(SELECT min(at) + make_interval(days => ${days}) FROM last_count WHERE at >= ${cutoff})`;

const moment = (at: Date | null) => (at ? new Date(at).getTime() : Infinity);

/** How many SKU × location pairs with usable stock have not been counted for `days` days. */
export async function countDueTotal(days: number, db: Db = pooled): Promise<number> {
  const { n } = await memo(db, ["countDueTotal", days], async () => {
    const cutoff = new Date(Date.now() - days * DAY_MS);
    const [row] = await db.query<{ n: number; until: Date | null }>(sql`
      WITH ${stockNotCounted(cutoff)} SELECT count(*)::int AS n, ${nextDue(cutoff, days)} AS until FROM due`);
    return { n: row?.n ?? 0, until: moment(row?.until ?? null) };
  }, (answer) => answer.until);
  return n;
}

export async function countDue(options: { days: number; by: "value" | "velocity"; limit?: number }, db: Db = pooled): Promise<CountDue[]> {
  const { rows } = await memo(db, ["countDue", options.days, options.by, options.limit ?? null], () => readCountDue(options, db), (answer) => answer.until);
  return rows;
}

async function readCountDue(options: { days: number; by: "value" | "velocity"; limit?: number }, db: Db): Promise<{ rows: CountDue[]; until: number }> {
  const cutoff = new Date(Date.now() - options.days * DAY_MS);
  const since30 = new Date(Date.now() - 30 * DAY_MS);
  // Besides a count falling due, the figures change when a shipment leaves the 30 days.
  const expiry = db.query<{ due: Date | null; shipped: Date | null }>(sql`
    WITH ${stockNotCounted(cutoff)}
    SELECT ${nextDue(cutoff, options.days)} AS due,
      (SELECT min(occurred_at) + interval '30 days' FROM ledger_event WHERE type = 'ship' AND occurred_at >= ${since30}) AS shipped`);
  const order = options.by === "velocity" ? sql`shipped30 DESC, value DESC` : sql`value DESC, shipped30 DESC`;
  const [rows, [next]] = await Promise.all([db.query<Omit<CountDue, "lastCounted" | "value"> & { last_counted: Date | null; value: string }>(sql`
    WITH ${stockNotCounted(cutoff)}, shipped AS (
      SELECT sku_id, location_id, sum(qty)::int AS qty FROM ledger_event WHERE type = 'ship' AND occurred_at >= ${since30} GROUP BY 1, 2
    )
    SELECT s.code AS sku, s.name, l.code AS location, st.on_hand AS "onHand", st.last_counted,
      coalesce(sh.qty, 0)::int AS shipped30,
      (st.on_hand * coalesce(s.standard_cost, (SELECT d.unit_cost FROM document d WHERE d.kind = 'po' AND d.sku_id = s.id ORDER BY d.created_seq DESC LIMIT 1), 0))::numeric(14,2) AS value
    FROM due st JOIN sku s ON s.id = st.sku_id JOIN location l ON l.id = st.location_id
    LEFT JOIN shipped sh ON sh.sku_id = st.sku_id AND sh.location_id = st.location_id
    ORDER BY ${order}, s.code, l.code LIMIT ${options.limit ?? 25}`), expiry]);
  return {
    rows: rows.map(({ last_counted, ...row }) => ({ ...row, lastCounted: last_counted?.toISOString() ?? null })),
    until: Math.min(moment(next?.due ?? null), moment(next?.shipped ?? null)),
  };
}

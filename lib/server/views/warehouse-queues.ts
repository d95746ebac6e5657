import "server-only";
import { sql, db as pooled, type Db } from "@/lib/server/sql";
import { QUEUES, QUEUE_STATES, queueStates, type QueueDefinition, type QueueItem } from "@/lib/domain/warehouse/queues";
import { memo, memoShared } from "./memo";
import { pageOfList, type Paged } from "./paging";

type QueueFilter = { location?: string; scan?: string };

/** A page of a queue's items; `units` is over every item in the queue (as filtered), not just the page. */
export type QueuePage = Paged<QueueItem> & { units: number };

export type QueueCount = { key: string; title: string; state: string; items: number; units: number; oldest: string | null };

type ItemRecord = {
  sku: string; name: string; location: string; bin: string; doc: string; channel: string; qty: number; since: Date | null; requested: number; state: string;
};

/**
 * Positions in the queues' states, each with when its oldest unit arrived: the
 * arrivals into the position are read newest first, and the oldest one still
 * needed to make up today's quantity dates it (units leave oldest first).
 */
function queueRows(states: readonly string[], filter: { location?: string; scan?: string } = {}) {
  const at = filter.location ? sql` AND l.code = ${filter.location}` : sql``;
  // A scan names a SKU, a bin or a document (PO, order line, RMA).
  const scan = filter.scan ? sql` AND (s.code = ${filter.scan} OR b.bin = ${filter.scan} OR b.doc = ${filter.scan})` : sql``;
  const where = sql`${at}${scan}`;
  return sql`
    SELECT s.code AS sku, s.name, l.code AS location, b.bin, b.doc, coalesce(c.code, '') AS channel, b.qty, b.state,
      since.at AS since, coalesce(asked.qty, 0)::int AS requested
    FROM balance b
    JOIN sku s ON s.id = b.sku_id JOIN location l ON l.id = b.location_id
    LEFT JOIN channel c ON c.id::text = b.channel_id
    LEFT JOIN LATERAL (
      SELECT min(a.occurred_at) AS at FROM (
        SELECT e.occurred_at, sum(e.qty) OVER (ORDER BY e.occurred_at DESC, e.seq DESC) - e.qty AS before
        FROM ledger_event e
        WHERE e.sku_id = b.sku_id AND e.to_location_id = b.location_id AND e.to_state = b.state AND e.to_bin = b.bin AND e.to_doc = b.doc
      ) a WHERE a.before < b.qty
    ) since ON true
    LEFT JOIN LATERAL (
      SELECT sum((leg->>'qty')::int) AS qty FROM approval_request r, jsonb_array_elements(r.payload->'plan'->'legs') leg
      WHERE r.status = 'pending' AND r.sku_id = b.sku_id AND leg->'from'->>'location' = l.code AND leg->'from'->>'state' = b.state
        AND leg->'from'->>'bin' = b.bin AND leg->'from'->>'doc' = b.doc
    ) asked ON true
    WHERE b.state = ANY(${[...states]}::text[]) AND b.qty > 0${where}`;
}

/** The number of items and units waiting in each queue, and how old the oldest is. */
export async function queueCounts(db: Db = pooled): Promise<QueueCount[]> {
  return memo(db, ["queueCounts"], () => readQueueCounts(db));
}

async function readQueueCounts(db: Db): Promise<QueueCount[]> {
  const rows = await db.query<{ state: string; items: number; units: number; oldest: Date | null }>(sql`
    SELECT state, count(*)::int AS items, sum(qty)::int AS units, min(since) AS oldest
    FROM (${queueRows(QUEUE_STATES)}) q GROUP BY state`);
  return (QUEUES as readonly QueueDefinition[]).map((queue) => {
    const mine = rows.filter((r) => queueStates(queue).includes(r.state as QueueDefinition["state"]));
    const oldest = mine.map((r) => r.oldest).filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0];
    return {
      key: queue.key,
      title: queue.title,
      state: queue.state,
      items: mine.reduce((total, r) => total + r.items, 0),
      units: mine.reduce((total, r) => total + r.units, 0),
      oldest: oldest?.toISOString() ?? null,
    };
  });
}

/**
 * One queue's items, oldest first: every one, or with `page` that page of them
 * (an inbound queue holds thousands at scale) with the count and units of all.
 */
export async function queueItems(queue: QueueDefinition, filter: QueueFilter & { page: number }, db?: Db): Promise<QueuePage>;
export async function queueItems(queue: QueueDefinition, filter?: QueueFilter, db?: Db): Promise<QueueItem[]>;
export async function queueItems(queue: QueueDefinition, filter: QueueFilter & { page?: number } = {}, db: Db = pooled): Promise<QueueItem[] | QueuePage> {
  const states = queueStates(queue);
  // The whole queue is kept while nothing is written (memo.ts), shared: a page is a slice of it, mapped into new rows.
  const rows = await memoShared(db, ["queueItems", states, filter.location ?? null, filter.scan ?? null], () =>
    db.query<ItemRecord>(sql`SELECT * FROM (${queueRows(states, filter)}) q ORDER BY since ASC NULLS FIRST, sku, bin, doc`));
  if (filter.page === undefined) return rows.map(toItem);
  const page = pageOfList(rows, filter.page);
  return { ...page, rows: page.rows.map(toItem), units: rows.reduce((total, row) => total + row.qty, 0) };
}

function toItem(row: ItemRecord): QueueItem {
  return {
    sku: row.sku,
    name: row.name,
    location: row.location,
    bin: row.bin,
    doc: row.doc,
    channel: row.channel,
    qty: row.qty,
    requested: row.requested,
    since: (row.since ?? new Date(0)).toISOString(),
  };
}

import "server-only";
import { sql, db as pooled, type Db } from "@/lib/server/sql";
import { suggestTransfers, shortfall, surplus, type LocationStock, type Suggestion } from "@/lib/domain/warehouse/rebalance";
import { COVER_HISTORY_WEEKS, forecastCover, weeklySeries, type WeekQty } from "@/lib/domain/warehouse/cover";
import { dayOf } from "@/lib/domain/periods";
import { addDays, weekOf } from "@/lib/domain/sales/days";
import { memoShared } from "./memo";
import { pageOfList, type Paged } from "./paging";

type Row = {
  sku: string; name: string; location: string; available: number; safety: number; in_transfer: number; weeks: WeekQty[];
  fences: Record<string, number>; committed: Record<string, number>;
};

export type RebalanceLine = Suggestion & {
  name: string; fromStock: LocationStock; toStock: LocationStock; toShort: number; fromSurplus: number;
  /** The source's forecast demand for the coming week, which its cover is built from. */
  fromWeekly: number;
};

/**
 * Per SKU and location: available, safety stock, fences, committed units per
 * channel, units already coming by transfer and weekly demand (reserved, not
 * reversed, plus refused, as lib/server/views/demand.ts reads it, but at each
 * location over all channels), in one statement. The forecast of that demand is
 * the location's cover (lib/domain/warehouse/cover.ts); the rule
 * (lib/domain/warehouse/rebalance.ts) decides what to move.
 */
export async function rebalanceSuggestions(db?: Db, now?: Date, filter?: { scan?: string }): Promise<RebalanceLine[]>;
/** With `page`: that page of the suggestions (thousands at scale), and how many there are in all, whatever the scan. */
export async function rebalanceSuggestions(db: Db | undefined, now: Date | undefined, filter: { scan?: string; page: number }): Promise<RebalancePage>;
export async function rebalanceSuggestions(db: Db = pooled, now = new Date(), filter: { scan?: string; page?: number } = {}): Promise<RebalanceLine[] | RebalancePage> {
  const all = await keptSuggestions(db, now);
  // Suggestions come from every location of a SKU at once, so a scan (a SKU or a location) narrows what the rule suggested.
  const { scan } = filter;
  const lines = scan ? all.filter((line) => line.sku === scan || line.from === scan || line.to === scan) : all;
  // The kept lines are shared (memoShared): only those handed out are copied.
  if (filter.page === undefined) return structuredClone(lines) as RebalanceLine[];
  const page = pageOfList(lines, filter.page);
  return { ...page, rows: structuredClone(page.rows), suggested: all.length };
}

export type RebalancePage = Paged<RebalanceLine> & { suggested: number };

/** How many transfers are suggested (the warehouse home), without copying the lines. */
export async function rebalanceCount(db: Db = pooled, now = new Date()): Promise<number> {
  return (await keptSuggestions(db, now)).length;
}

// Every SKU and location in one pass: kept while nothing is written (memo.ts); the week is all of "now" it reads.
function keptSuggestions(db: Db, now: Date): Promise<readonly RebalanceLine[]> {
  const thisWeek = weekOf(dayOf(now));
  return memoShared(db, ["rebalanceSuggestions", thisWeek], () => suggestionsFor(db, thisWeek));
}

async function suggestionsFor(db: Db, thisWeek: string): Promise<RebalanceLine[]> {
  const since = addDays(thisWeek, -7 * COVER_HISTORY_WEEKS);
  const [rows, served] = await Promise.all([
    db.query<Row>(sql`
      WITH pairs AS (
        SELECT sku_id, location_id FROM sku_policy
        UNION SELECT sku_id, location_id FROM balance WHERE qty <> 0 AND state IN ('AVAILABLE', 'RESERVED', 'PICKED', 'PACKED', 'TRANSFER_TRANSIT')
      ), bal AS (
        SELECT sku_id, location_id,
          sum(qty) FILTER (WHERE state = 'AVAILABLE')::int AS available,
          sum(qty) FILTER (WHERE state = 'TRANSFER_TRANSIT')::int AS in_transfer
        FROM balance WHERE qty <> 0 AND state IN ('AVAILABLE', 'TRANSFER_TRANSIT') GROUP BY 1, 2
      ), com AS (
        SELECT b.sku_id, b.location_id, jsonb_object_agg(c.code, b.qty) AS committed FROM (
          SELECT sku_id, location_id, channel_id, sum(qty)::int AS qty FROM balance
          WHERE qty <> 0 AND state IN ('RESERVED', 'PICKED', 'PACKED') AND channel_id <> '' GROUP BY 1, 2, 3
        ) b JOIN channel c ON c.id::text = b.channel_id GROUP BY 1, 2
      ), fen AS (
        SELECT a.sku_id, a.location_id, jsonb_object_agg(c.code, a.qty) AS fences FROM channel_allocation a JOIN channel c ON c.id = a.channel_id
        WHERE a.qty > 0 GROUP BY 1, 2
      ), asked AS (
        SELECT e.sku_id, e.location_id, e.occurred_at, e.qty FROM ledger_event e
        WHERE e.type = 'reserve' AND e.occurred_at >= ${since}::date AND e.occurred_at < ${thisWeek}::date
          AND NOT EXISTS (SELECT 1 FROM reversal r WHERE r.group_id = e.group_id)
        UNION ALL
        SELECT sku_id, location_id, occurred_at, qty FROM demand_refusal WHERE occurred_at >= ${since}::date AND occurred_at < ${thisWeek}::date
      ), weekly AS (
        SELECT sku_id, location_id, date_trunc('week', occurred_at AT TIME ZONE 'UTC')::date AS week, sum(qty)::int AS qty FROM asked GROUP BY 1, 2, 3
      ), demand AS (
        SELECT sku_id, location_id, jsonb_agg(jsonb_build_object('week', to_char(week, 'YYYY-MM-DD'), 'qty', qty) ORDER BY week) AS weeks
        FROM weekly GROUP BY 1, 2
      )
      SELECT s.code AS sku, s.name, l.code AS location, coalesce(bal.available, 0) AS available, coalesce(p.safety_stock, 0) AS safety,
        coalesce(bal.in_transfer, 0) AS in_transfer, coalesce(demand.weeks, '[]') AS weeks,
        coalesce(fen.fences, '{}') AS fences, coalesce(com.committed, '{}') AS committed
      FROM pairs JOIN sku s ON s.id = pairs.sku_id JOIN location l ON l.id = pairs.location_id
      LEFT JOIN sku_policy p ON p.sku_id = pairs.sku_id AND p.location_id = pairs.location_id
      LEFT JOIN bal ON bal.sku_id = pairs.sku_id AND bal.location_id = pairs.location_id
      LEFT JOIN com ON com.sku_id = pairs.sku_id AND com.location_id = pairs.location_id
      LEFT JOIN fen ON fen.sku_id = pairs.sku_id AND fen.location_id = pairs.location_id
      LEFT JOIN demand ON demand.sku_id = pairs.sku_id AND demand.location_id = pairs.location_id
      ORDER BY s.code, l.code`),
    // A channel with no rows in channel_location is served by every location.
    db.query<{ location: string; channels: string[] }>(sql`
      SELECT l.code AS location, coalesce(array_agg(c.code ORDER BY c.code) FILTER (WHERE c.code IS NOT NULL), '{}') AS channels
      FROM location l LEFT JOIN channel c ON NOT EXISTS (SELECT 1 FROM channel_location x WHERE x.channel_id = c.id)
        OR EXISTS (SELECT 1 FROM channel_location x WHERE x.channel_id = c.id AND x.location_id = l.id)
      GROUP BY l.code`),
  ]);
  const channelsAt = new Map(served.map((row) => [row.location, row.channels]));
  const bySku = new Map<string, { name: string; stocks: LocationStock[]; weekly: Map<string, number> }>();
  for (const row of rows) {
    const entry = bySku.get(row.sku) ?? { name: row.name, stocks: [] as LocationStock[], weekly: new Map<string, number>() };
    const cover = forecastCover(weeklySeries(row.weeks, thisWeek));
    entry.weekly.set(row.location, cover.weekly);
    entry.stocks.push({
      location: row.location,
      available: row.available,
      safetyStock: row.safety,
      fences: row.fences,
      committed: row.committed,
      channels: channelsAt.get(row.location) ?? [],
      cover: cover.units,
      inTransfer: row.in_transfer,
    });
    bySku.set(row.sku, entry);
  }
  return [...bySku.entries()].flatMap(([sku, { name, stocks, weekly }]) =>
    suggestTransfers(sku, stocks).map((suggestion) => {
      const fromStock = stocks.find((s) => s.location === suggestion.from)!;
      const toStock = stocks.find((s) => s.location === suggestion.to)!;
      return {
        ...suggestion, name, fromStock, toStock, toShort: shortfall(toStock)?.qty ?? 0, fromSurplus: surplus(fromStock), fromWeekly: weekly.get(suggestion.from) ?? 0,
      };
    }),
  );
}

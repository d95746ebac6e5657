import "server-only";
import { sql, db as pooled, type Db } from "@/lib/server/sql";
import { suggestTransfers, shortfall, surplus, type LocationStock, type Suggestion } from "@/lib/domain/warehouse/rebalance";

/** Days of expected demand a location keeps back before it counts stock as surplus. */
export const COVER_DAYS = 14;
const DEMAND_WINDOW_DAYS = 28;

type Row = {
  sku: string; name: string; location: string; available: number; safety: number; in_transfer: number; reserved_window: number;
  fences: Record<string, number>; committed: Record<string, number>;
};

export type RebalanceLine = Suggestion & { name: string; fromStock: LocationStock; toStock: LocationStock; toShort: number; fromSurplus: number };

/**
 * Per SKU and location: available, safety stock, fences, committed units per
 * channel, units already coming by transfer and recent demand, in one statement;
 * the rule (lib/domain/warehouse/rebalance.ts) decides what to move.
 */
export async function rebalanceSuggestions(db: Db = pooled, now = new Date()): Promise<RebalanceLine[]> {
  const since = new Date(now.getTime() - DEMAND_WINDOW_DAYS * 86_400_000);
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
      ), demand AS (
        SELECT sku_id, location_id, sum(qty)::int AS qty FROM ledger_event WHERE type = 'reserve' AND occurred_at >= ${since} GROUP BY 1, 2
      )
      SELECT s.code AS sku, s.name, l.code AS location, coalesce(bal.available, 0) AS available, coalesce(p.safety_stock, 0) AS safety,
        coalesce(bal.in_transfer, 0) AS in_transfer, coalesce(demand.qty, 0) AS reserved_window,
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
  const bySku = new Map<string, { name: string; stocks: LocationStock[] }>();
  for (const row of rows) {
    const entry = bySku.get(row.sku) ?? { name: row.name, stocks: [] };
    entry.stocks.push({
      location: row.location,
      available: row.available,
      safetyStock: row.safety,
      fences: row.fences,
      committed: row.committed,
      channels: channelsAt.get(row.location) ?? [],
      cover: Math.ceil((row.reserved_window * COVER_DAYS) / DEMAND_WINDOW_DAYS),
      inTransfer: row.in_transfer,
    });
    bySku.set(row.sku, entry);
  }
  return [...bySku.entries()].flatMap(([sku, { name, stocks }]) =>
    suggestTransfers(sku, stocks).map((suggestion) => {
      const fromStock = stocks.find((s) => s.location === suggestion.from)!;
      const toStock = stocks.find((s) => s.location === suggestion.to)!;
      return { ...suggestion, name, fromStock, toStock, toShort: shortfall(toStock)?.qty ?? 0, fromSurplus: surplus(fromStock) };
    }),
  );
}

import "server-only";
import { sql, db as pooled, type Db } from "@/lib/server/sql";
import { PHYSICAL_STATES } from "@/lib/domain/states";
import { dayEnd, dayOf, dayStart } from "@/lib/domain/periods";
import { stockGridRow, type StockCell, type StockGridRow } from "@/lib/domain/warehouse/stock-grid";
import { DomainError } from "@/lib/domain/errors";
import { strategyFor } from "./balances";
import { INTERNAL_ONLY } from "@/lib/server/internal-states";

export const GRID_PAGE_SIZE = 25;
const SHOWN = [...PHYSICAL_STATES, "TRANSFER_TRANSIT"];

export type LocationOption = { code: string; name: string; kind: string };
export type StockGrid = { location: LocationOption; rows: StockGridRow[]; total: number; page: number; pageCount: number; asOf: string | null };

export async function warehouseLocations(db: Db = pooled): Promise<LocationOption[]> {
  return db.query<LocationOption>(sql`SELECT code, name, kind::text AS kind FROM location ORDER BY location.kind, code`);
}

/** Units per (SKU, state) at one location: now from the balances, else by the same per-day arithmetic as balances.ts. */
function perState(locationId: string, asOf: Date | null) {
  if (!asOf) {
    return sql`SELECT sku_id, state, qty FROM balance WHERE location_id = ${locationId}::uuid AND qty <> 0 AND ${INTERNAL_ONLY}`;
  }
  const day = dayOf(asOf);
  const [from, to] = [dayStart(day), dayEnd(day)];
  if (strategyFor(asOf) === "forward") {
    return sql`
      SELECT sku_id, state, delta FROM balance_day WHERE location_id = ${locationId}::uuid AND day < ${day}::date
      UNION ALL SELECT sku_id, from_state, -qty FROM ledger_event
        WHERE location_id = ${locationId}::uuid AND from_state IS NOT NULL AND occurred_at >= ${from} AND occurred_at <= ${asOf}
      UNION ALL SELECT sku_id, to_state, qty FROM ledger_event
        WHERE to_location_id = ${locationId}::uuid AND to_state IS NOT NULL AND occurred_at >= ${from} AND occurred_at <= ${asOf}`;
  }
  return sql`
    SELECT sku_id, state, qty FROM balance WHERE location_id = ${locationId}::uuid AND qty <> 0 AND ${INTERNAL_ONLY}
    UNION ALL SELECT sku_id, state, -delta FROM balance_day WHERE location_id = ${locationId}::uuid AND day > ${day}::date
    UNION ALL SELECT sku_id, from_state, qty FROM ledger_event
      WHERE location_id = ${locationId}::uuid AND from_state IS NOT NULL AND occurred_at > ${asOf} AND occurred_at < ${to}
    UNION ALL SELECT sku_id, to_state, -qty FROM ledger_event
      WHERE to_location_id = ${locationId}::uuid AND to_state IS NOT NULL AND occurred_at > ${asOf} AND occurred_at < ${to}`;
}

/**
 * Units shipped from a location on transfers and not yet received: they sit at
 * the target in the balances (the transfer document names the source as its party).
 */
export function transitOut(locationCode: string, asOf: Date | null, skuId?: string) {
  const oneSku = skuId ? sql` AND d.sku_id = ${skuId}::uuid` : sql``;
  if (!asOf) {
    return sql`
      SELECT b.sku_id, sum(b.qty)::int AS qty FROM balance b
      JOIN document d ON d.kind = 'transfer' AND d.ref = b.doc AND d.sku_id = b.sku_id
      WHERE b.state = 'TRANSFER_TRANSIT' AND b.qty <> 0 AND d.party = ${locationCode}${oneSku} GROUP BY 1`;
  }
  return sql`
    SELECT d.sku_id, sum(CASE WHEN e.to_state = 'TRANSFER_TRANSIT' AND e.to_doc = d.ref THEN e.qty ELSE 0 END
                       - CASE WHEN e.from_state = 'TRANSFER_TRANSIT' AND e.from_doc = d.ref THEN e.qty ELSE 0 END)::int AS qty
    FROM document d JOIN ledger_event e ON e.sku_id = d.sku_id AND (e.to_doc = d.ref OR e.from_doc = d.ref)
    WHERE d.kind = 'transfer' AND d.party = ${locationCode}${oneSku} AND e.occurred_at <= ${asOf}
    GROUP BY 1`;
}

type GridRecord = { code: string; name: string; total: number; out: number; cells: StockCell[] };

/** One page of a location's SKU × state grid, searched by SKU code or name, all in SQL. */
export async function stockGrid(
  filter: { location?: string; q?: string; page: number; asOf?: Date | null },
  db: Db = pooled,
): Promise<StockGrid> {
  const locations = await warehouseLocations(db);
  const wanted = filter.location?.trim().toUpperCase();
  const location = wanted ? locations.find((l) => l.code === wanted) : locations[0];
  if (!location) throw new DomainError("unknown_location", `No location '${wanted}'. Locations: ${locations.map((l) => l.code).join(", ")}.`);
  const [{ id }] = await db.query<{ id: string }>(sql`SELECT id::text FROM location WHERE code = ${location.code}`);
  const asOf = filter.asOf && filter.asOf.getTime() < Date.now() ? filter.asOf : null;
  const q = filter.q?.trim() ?? "";
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const offset = (filter.page - 1) * GRID_PAGE_SIZE;
  const rows = await db.query<GridRecord>(sql`
    WITH per AS (
      SELECT sku_id, state, sum(qty)::int AS qty FROM (${perState(id, asOf)}) AS m(sku_id, state, qty)
      WHERE state = ANY(${SHOWN}::text[]) GROUP BY 1, 2 HAVING sum(qty) <> 0
    ), outgoing AS (
      SELECT sku_id, qty FROM (${transitOut(location.code, asOf)}) AS o(sku_id, qty) WHERE qty <> 0
    ), present AS (SELECT sku_id FROM per UNION SELECT sku_id FROM outgoing),
    page AS (
      SELECT s.id, s.code, s.name, count(*) OVER ()::int AS total FROM sku s JOIN present p ON p.sku_id = s.id
      WHERE ${q} = '' OR s.code ILIKE ${pattern} OR s.name ILIKE ${pattern}
      ORDER BY s.code LIMIT ${GRID_PAGE_SIZE} OFFSET ${offset}
    )
    SELECT page.code, page.name, page.total, coalesce(max(outgoing.qty), 0)::int AS out,
      coalesce(json_agg(json_build_object('state', per.state, 'qty', per.qty)) FILTER (WHERE per.state IS NOT NULL), '[]') AS cells
    FROM page LEFT JOIN per ON per.sku_id = page.id LEFT JOIN outgoing ON outgoing.sku_id = page.id
    GROUP BY page.code, page.name, page.total ORDER BY page.code`);
  const total = rows[0]?.total ?? 0;
  return {
    location,
    rows: rows.map((row) => stockGridRow(row.code, row.name, row.cells, row.out)),
    total,
    page: filter.page,
    pageCount: Math.max(1, Math.ceil(total / GRID_PAGE_SIZE)),
    asOf: asOf?.toISOString() ?? null,
  };
}

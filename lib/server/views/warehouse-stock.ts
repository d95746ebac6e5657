import "server-only";
import { sql, db as pooled, type Db } from "@/lib/server/sql";
import { PHYSICAL_STATES } from "@/lib/domain/states";
import { dayEnd, dayOf, dayStart } from "@/lib/domain/periods";
import { stockGridRow, type StockCell, type StockGridRow } from "@/lib/domain/warehouse/stock-grid";
import { DomainError } from "@/lib/domain/errors";
import { strategyFor } from "./balances";
import { memoShared } from "./memo";
import { skuCodesMatching } from "./search";
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
  // Each side on its own join, so each reads its partial index rather than the whole ledger.
  return sql`
    SELECT d.sku_id, sum(e.qty)::int AS qty FROM document d JOIN (
      SELECT sku_id, to_doc, qty FROM ledger_event WHERE to_state = 'TRANSFER_TRANSIT' AND occurred_at <= ${asOf}
      UNION ALL SELECT sku_id, from_doc, -qty FROM ledger_event WHERE from_state = 'TRANSFER_TRANSIT' AND occurred_at <= ${asOf}
    ) AS e(sku_id, doc, qty) ON e.sku_id = d.sku_id AND e.doc = d.ref
    WHERE d.kind = 'transfer' AND d.party = ${locationCode}${oneSku}
    GROUP BY 1`;
}

type GridRecord = { code: string; name: string; out: number; cells: StockCell[] };

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
  // The location's whole grid at the moment, in code order, is one statement kept
  // while nothing is written (memo.ts); a search or a page is a pass over it.
  const [all, skus] = await Promise.all([
    memoShared(db, ["stockGrid", id, asOf?.toISOString() ?? null], () =>
      db.query<GridRecord>(sql`
        WITH per AS (
          SELECT sku_id, state, sum(qty)::int AS qty FROM (${perState(id, asOf)}) AS m(sku_id, state, qty)
          WHERE state = ANY(${SHOWN}::text[]) GROUP BY 1, 2 HAVING sum(qty) <> 0
        ), outgoing AS (
          SELECT sku_id, qty FROM (${transitOut(location.code, asOf)}) AS o(sku_id, qty) WHERE qty <> 0
        ), present AS (SELECT sku_id FROM per UNION SELECT sku_id FROM outgoing)
        SELECT s.code, s.name, coalesce(max(outgoing.qty), 0)::int AS out,
          coalesce(json_agg(json_build_object('state', per.state, 'qty', per.qty)) FILTER (WHERE per.state IS NOT NULL), '[]') AS cells
        FROM present p JOIN sku s ON s.id = p.sku_id LEFT JOIN per ON per.sku_id = s.id LEFT JOIN outgoing ON outgoing.sku_id = s.id
        GROUP BY s.code, s.name ORDER BY s.code`)),
    skuCodesMatching(db, filter.q?.trim() ?? ""),
  ]);
  const matching = skus ? all.filter((row) => skus.has(row.code)) : all;
  const offset = (filter.page - 1) * GRID_PAGE_SIZE;
  const rows = matching.slice(offset, offset + GRID_PAGE_SIZE);
  const total = matching.length;
  return {
    location,
    rows: rows.map((row) => stockGridRow(row.code, row.name, row.cells, row.out)),
    total,
    page: filter.page,
    pageCount: Math.max(1, Math.ceil(total / GRID_PAGE_SIZE)),
    asOf: asOf?.toISOString() ?? null,
  };
}

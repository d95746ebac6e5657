import "server-only";
import { sql, db as pooled, type Db, type Sql } from "@/lib/server/sql";
import { AMOUNT_SCALE, fromMinor, rescale, toMinor, UNIT_COST_SCALE } from "@/lib/domain/money";
import { memoShared } from "../memo";
import { PAGE_SIZE } from "../paging";
import { skuCodesMatching } from "../search";
import { journalUpTo, ownedUnits, pastOrNow, POOL_STATES } from "./as-of";
import type { CostingMethod, ValuationPage, ValuationRow, ValuationSort } from "./types";

/**
 * Owned units and value per (SKU, location) as of a moment, as a CTE named `valuation`.
 * The pool has one value per SKU: each location gets the share its pool-state
 * units hold (rounded half away from zero), and the cents left over go to the
 * location with the most units (ties by code), so the rows add up to the pool
 * exactly. Goods in transit add their own journal balance at their location.
 */
export function valuationCte(asOf: Date | null, skuId: string | null = null): Sql {
  return sql`
    units AS (
      SELECT sku_id, location_id, state, sum(qty)::int AS qty FROM (${ownedUnits(asOf, skuId)}) AS m(sku_id, location_id, state, qty)
      GROUP BY 1, 2, 3 HAVING sum(qty) <> 0
    ), money AS (
      SELECT sku_id, location_id, sum(debit - credit) FILTER (WHERE account = 'inventory') AS inventory,
        sum(debit - credit) FILTER (WHERE account = 'inventory_in_transit') AS transit
      FROM (${journalUpTo(asOf, skuId)}) AS j(sku_id, location_id, account, debit, credit)
      WHERE account IN ('inventory', 'inventory_in_transit') GROUP BY 1, 2
    ), per_location AS (
      SELECT sku_id, location_id, coalesce(u.pooled, 0) AS pooled, coalesce(u.owned, 0) AS owned, coalesce(u.pending, 0) AS pending,
        coalesce(m.inventory, 0) AS inventory, coalesce(m.transit, 0) AS transit
      FROM (SELECT sku_id, location_id, sum(qty) FILTER (WHERE state = ANY(${POOL_STATES}::text[])) AS pooled, sum(qty) AS owned,
              sum(qty) FILTER (WHERE state = 'RETURN_QC') AS pending FROM units GROUP BY 1, 2) AS u
      FULL JOIN money AS m USING (sku_id, location_id)
    ), shared AS (
      SELECT p.*, l.code AS location_code, sum(p.pooled) OVER w AS pool_units, sum(p.inventory) OVER w AS pool_value,
        row_number() OVER (PARTITION BY p.sku_id ORDER BY p.pooled DESC, l.code) AS rank
      FROM per_location p JOIN location l ON l.id = p.location_id
      WINDOW w AS (PARTITION BY p.sku_id)
    ), split AS (
      -- With no unit left in the pool, whatever value it still holds stays where the journal put it.
      SELECT s.*, CASE WHEN pool_units > 0 THEN round(pool_value * pooled / pool_units, 2) ELSE inventory END AS share FROM shared s
    ), valuation AS (
      SELECT sku_id, location_id, location_code, owned::int AS owned, (owned - pending)::int AS valued, pooled, pool_units, pool_value,
        round(share + transit + CASE WHEN rank = 1 AND pool_units > 0 THEN pool_value - sum(share) OVER (PARTITION BY sku_id) ELSE 0 END, 2) AS value
      FROM split
    )`;
}

/** The SKU's unit cost: now the pool's; as of a past moment the newest FIFO layer then received, else value ÷ units. */
export function unitCostOf(asOf: Date | null): Sql {
  if (!asOf) return sql`(SELECT round(cp.unit_cost, 4) FROM cost_pool cp WHERE cp.sku_id = v.sku_id)`;
  return sql`CASE WHEN s.costing_method = 'fifo'
      THEN (SELECT round(cl.unit_cost, 4) FROM cost_layer cl WHERE cl.sku_id = v.sku_id AND cl.received_at <= ${asOf} ORDER BY cl.received_at DESC, cl.seq DESC LIMIT 1)
      WHEN v.pool_units > 0 THEN round(v.pool_value / v.pool_units, 4) END`;
}

type RowRecord = { sku: string; name: string; method: CostingMethod; location: string; owned: number; valued: number; value: string; unit_cost: string | null };

const toRow = (r: RowRecord): ValuationRow => ({ sku: r.sku, name: r.name, method: r.method, location: r.location, owned: r.owned, valued: r.valued, value: r.value, unitCost: r.unit_cost });

const selectRows = (asOf: Date | null) => sql`
  SELECT s.code AS sku, s.name, s.costing_method::text AS method, v.location_code AS location, v.owned, v.valued,
    v.value::text AS value, (${unitCostOf(asOf)})::text AS unit_cost
  FROM valuation v JOIN sku s ON s.id = v.sku_id WHERE (v.owned <> 0 OR v.value <> 0)`;

/** Every SKU and location holding owned units or value at a moment (a period close stores these). */
export async function valuationRows(asOf: Date, db: Db = pooled): Promise<ValuationRow[]> {
  const rows = await db.query<RowRecord>(sql`WITH ${valuationCte(pastOrNow(asOf))} ${selectRows(pastOrNow(asOf))} ORDER BY s.code, v.location_code`);
  return rows.map(toRow);
}

/** One SKU's rows (the SKU page). */
export async function skuValuationRows(skuId: string, asOf: Date | null, db: Db = pooled): Promise<ValuationRow[]> {
  const rows = await db.query<RowRecord>(sql`WITH ${valuationCte(asOf, skuId)} ${selectRows(asOf)} ORDER BY v.location_code`);
  return rows.map(toRow);
}

type ListRecord = RowRecord & { sku_rank: number; location_rank: number };

/**
 * Every row of the list at a moment, with the places of its SKU and location in
 * the database's own text order, so the list can be sorted in memory exactly as
 * ORDER BY would.
 */
function valuationList(asOf: Date | null, db: Db): Promise<ListRecord[]> {
  return db.query<ListRecord>(sql`
    WITH ${valuationCte(asOf)}
    SELECT r.*, dense_rank() OVER (ORDER BY sku)::int AS sku_rank, dense_rank() OVER (ORDER BY location)::int AS location_rank
    FROM (${selectRows(asOf)}) AS r`);
}

const cents = (value: string) => toMinor(value, UNIT_COST_SCALE);

// What each sort orders by; null (a unit cost unknown) goes last either way.
const SORT: { [key in ValuationSort]: (row: ListRecord) => number | bigint | null } = {
  sku: (row) => row.sku_rank,
  location: (row) => row.location_rank,
  owned: (row) => row.owned,
  value: (row) => cents(row.value),
  unitCost: (row) => (row.unit_cost === null ? null : cents(row.unit_cost)),
};

/**
 * The valuation list: searched, sorted and paged; totals over every matching
 * row. The whole list at a moment is one statement, kept while nothing is
 * written (memo.ts); a page, a search or a sort is then a pass over it.
 */
export async function valuationPage(
  opts: { q?: string; location?: string; sort?: ValuationSort; dir?: "asc" | "desc"; page: number; asOf?: Date },
  db: Db = pooled,
): Promise<ValuationPage> {
  const asOf = pastOrNow(opts.asOf);
  const location = opts.location?.trim().toUpperCase() ?? "";
  const page = Math.max(1, Math.floor(opts.page) || 1);
  const key = SORT[opts.sort ?? "sku"] ?? SORT.sku;
  const sign = opts.dir === "desc" ? -1 : 1;
  const [all, skus] = await Promise.all([
    memoShared(db, ["valuation", asOf?.toISOString() ?? null], () => valuationList(asOf, db)),
    skuCodesMatching(db, opts.q?.trim() ?? ""),
  ]);
  const matching = all
    .filter((row) => (!skus || skus.has(row.sku)) && (!location || row.location === location))
    .map((row) => ({ row, by: key(row) }));
  const byKey = (x: number | bigint | null, y: number | bigint | null) => {
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return x === y ? 0 : (x < y ? -1 : 1) * sign;
  };
  matching.sort((a, b) => byKey(a.by, b.by) || a.row.sku_rank - b.row.sku_rank || a.row.location_rank - b.row.location_rank);
  const total = matching.length;
  return {
    rows: matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map(({ row }) => toRow(row)),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    totals: {
      owned: matching.reduce((sum, { row }) => sum + row.owned, 0),
      valued: matching.reduce((sum, { row }) => sum + row.valued, 0),
      value: fromMinor(rescale(matching.reduce((sum, { row }) => sum + cents(row.value), 0n), UNIT_COST_SCALE, AMOUNT_SCALE), AMOUNT_SCALE),
    },
    asOf: (asOf ?? new Date()).toISOString(),
  };
}

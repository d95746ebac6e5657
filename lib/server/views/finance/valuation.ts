import "server-only";
import { sql, db as pooled, type Db, type Sql } from "@/lib/server/sql";
import { PAGE_SIZE } from "../paging";
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

// Sort keys map to fixed SQL text: a column name is never taken from the request.
const SORT: { [key in ValuationSort]: Sql } = {
  sku: sql`sku`,
  location: sql`location`,
  owned: sql`owned`,
  value: sql`value::numeric`,
  unitCost: sql`unit_cost::numeric`,
};

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

/** The valuation list: searched, sorted and paged in SQL; totals over every matching row. */
export async function valuationPage(
  opts: { q?: string; location?: string; sort?: ValuationSort; dir?: "asc" | "desc"; page: number; asOf?: Date },
  db: Db = pooled,
): Promise<ValuationPage> {
  const asOf = pastOrNow(opts.asOf);
  const q = opts.q?.trim() ?? "";
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const location = opts.location?.trim().toUpperCase() ?? "";
  const page = Math.max(1, Math.floor(opts.page) || 1);
  const order = SORT[opts.sort ?? "sku"] ?? SORT.sku;
  const dir = opts.dir === "desc" ? sql`DESC NULLS LAST` : sql`ASC NULLS LAST`;
  const [result] = await db.query<{ rows: RowRecord[] | null; total: number; owned: number; valued: number; value: string }>(sql`
    WITH ${valuationCte(asOf)}, matching AS (
      SELECT * FROM (${selectRows(asOf)}) AS r0
      WHERE (${q} = '' OR sku ILIKE ${pattern} OR name ILIKE ${pattern}) AND (${location} = '' OR location = ${location})
    )
    SELECT (SELECT json_agg(p) FROM (SELECT * FROM matching ORDER BY ${order} ${dir}, sku, location LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}) AS p) AS rows,
      count(*)::int AS total, coalesce(sum(owned), 0)::int AS owned, coalesce(sum(valued), 0)::int AS valued,
      coalesce(sum(value::numeric), 0)::numeric(20, 2)::text AS value
    FROM matching`);
  return {
    rows: (result.rows ?? []).map(toRow),
    total: result.total,
    page,
    pageCount: Math.max(1, Math.ceil(result.total / PAGE_SIZE)),
    totals: { owned: result.owned, valued: result.valued, value: result.value },
    asOf: (asOf ?? new Date()).toISOString(),
  };
}

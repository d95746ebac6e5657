import "server-only";
import { sql, db as pooled, type Db } from "@/lib/server/sql";
import { journalUpTo, ownedUnits, POOL_STATES } from "./as-of";
import type { CostingMethod, LayerView } from "./types";

type LayerRecord = { seq: number | null; received_at: Date | null; unit_cost: string | null; qty: number; value: string };

const toLayer = (r: LayerRecord): LayerView => ({
  qty: r.qty,
  unitCost: r.unit_cost ?? "0.0000",
  value: r.value,
  receivedAt: r.received_at ? new Date(r.received_at).toISOString() : null,
  seq: r.seq,
});

/**
 * FIFO: the open layers, oldest receipt first; as of a past moment, each layer is
 * the sum of its moves up to then. Average and standard keep no layers: their one
 * layer is the pool (units in pool states, value of the inventory account).
 */
export async function skuLayers(skuId: string, method: CostingMethod, asOf: Date | null, db: Db = pooled): Promise<LayerView[]> {
  if (method === "fifo") {
    const rows = asOf
      ? await db.query<LayerRecord>(sql`
          SELECT cl.seq, cl.received_at, round(cl.unit_cost, 4)::text AS unit_cost, sum(m.qty)::int AS qty, sum(m.value)::numeric(20, 2)::text AS value
          FROM cost_layer cl JOIN layer_move m ON m.layer_id = cl.id
          WHERE cl.sku_id = ${skuId}::uuid AND m.occurred_at <= ${asOf}
          GROUP BY cl.id, cl.seq, cl.received_at, cl.unit_cost HAVING sum(m.qty) > 0
          ORDER BY cl.received_at, cl.seq`)
      : await db.query<LayerRecord>(sql`
          SELECT seq, received_at, round(unit_cost, 4)::text AS unit_cost, qty_left AS qty, value_left::numeric(20, 2)::text AS value
          FROM cost_layer WHERE sku_id = ${skuId}::uuid AND qty_left > 0 ORDER BY received_at, seq`);
    return rows.map(toLayer);
  }
  const [pool] = await db.query<LayerRecord>(sql`
    WITH units AS (
      SELECT coalesce(sum(qty), 0)::int AS qty FROM (${ownedUnits(asOf, skuId)}) AS m(sku_id, location_id, state, qty)
      WHERE state = ANY(${POOL_STATES}::text[])
    ), value AS (
      SELECT coalesce(sum(debit - credit), 0)::numeric(20, 2) AS value FROM (${journalUpTo(asOf, skuId)}) AS j(sku_id, location_id, account, debit, credit)
      WHERE account = 'inventory'
    )
    SELECT NULL::bigint AS seq, NULL::timestamptz AS received_at, units.qty, value.value::text AS value,
      ${asOf
        ? sql`CASE WHEN ${poolUnchangedSince(skuId, asOf)} THEN (SELECT round(unit_cost, 4)::text FROM cost_pool WHERE sku_id = ${skuId}::uuid)
                   WHEN units.qty > 0 THEN round(value.value / units.qty, 4)::text END`
        : sql`(SELECT round(unit_cost, 4)::text FROM cost_pool WHERE sku_id = ${skuId}::uuid)`} AS unit_cost
    FROM units, value`);
  return pool && (pool.qty !== 0 || pool.value !== "0.00") ? [toLayer(pool)] : [];
}

/**
 * Whether nothing has touched the pool's value after a moment: then the unit cost
 * then is the one stored now. (The average is recomputed at each receipt, so
 * after issues it is not the value over the units; only a past moment with later
 * changes falls back to that.)
 */
function poolUnchangedSince(skuId: string, asOf: Date) {
  return sql`NOT EXISTS (SELECT 1 FROM journal_line WHERE sku_id = ${skuId}::uuid AND account = 'inventory' AND occurred_at > ${asOf})`;
}

/** The current unit cost (newest FIFO layer, running average or standard), now or as of a past moment. */
export async function unitCostNow(skuId: string, method: CostingMethod, asOf: Date | null, db: Db = pooled): Promise<string | null> {
  if (!asOf) {
    const [row] = await db.query<{ unit_cost: string | null }>(sql`SELECT round(unit_cost, 4)::text AS unit_cost FROM cost_pool WHERE sku_id = ${skuId}::uuid`);
    return row?.unit_cost ?? null;
  }
  if (method === "fifo") {
    const [row] = await db.query<{ unit_cost: string }>(sql`
      SELECT round(unit_cost, 4)::text AS unit_cost FROM cost_layer WHERE sku_id = ${skuId}::uuid AND received_at <= ${asOf}
      ORDER BY received_at DESC, seq DESC LIMIT 1`);
    return row?.unit_cost ?? null;
  }
  const [layer] = await skuLayers(skuId, method, asOf, db);
  if (layer && layer.qty > 0) return layer.unitCost;
  return method === "standard" ? standardAt(skuId, asOf, db) : null;
}

/** The standard cost in force at a moment: the last change by then, else what the first later change replaced, else today's. */
async function standardAt(skuId: string, asOf: Date, db: Db): Promise<string | null> {
  const [row] = await db.query<{ unit_cost: string | null }>(sql`
    SELECT round(coalesce(
      (SELECT (data->>'standardCost')::numeric FROM ledger_event WHERE sku_id = ${skuId}::uuid AND type = 'cost.change' AND occurred_at <= ${asOf}
        ORDER BY occurred_at DESC, seq DESC LIMIT 1),
      (SELECT (data->>'previous')::numeric FROM ledger_event WHERE sku_id = ${skuId}::uuid AND type = 'cost.change' AND occurred_at > ${asOf}
        ORDER BY occurred_at, seq LIMIT 1),
      (SELECT standard_cost FROM sku WHERE id = ${skuId}::uuid)), 4)::text AS unit_cost`);
  return row?.unit_cost ?? null;
}

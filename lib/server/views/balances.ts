import "server-only";
import { sql, type Db } from "@/lib/server/sql";
import { db as pooled } from "@/lib/server/sql";
import { CHANNEL_STATES } from "@/lib/domain/states";
import { isState } from "@/lib/domain/states";
import { warehouseView, type StateRow, type WarehouseView } from "@/lib/domain/warehouse-view";
import { findSku, loadRefs, locationId } from "@/lib/server/ledger/refs";

export type PositionRow = StateRow & { channel: string };

const CHANNEL_STATE_LIST = [...CHANNEL_STATES];

type Row = { location_id: string; state: string; bin: string; channel_id: string; qty: number };

/**
 * Balances of one SKU grouped by (location, state, bin, channel), now or as of a
 * business time. The past is the per-day net movement before that day plus that
 * day's events up to the moment: no replay of the whole history.
 */
async function positionRows(db: Db, skuId: string, asOf: Date | null): Promise<{ rows: Row[]; lastSeq: number }> {
  if (!asOf) {
    const [rows, last] = await Promise.all([
      db.query<Row>(sql`
        SELECT location_id::text, state, bin, channel_id, sum(qty)::int AS qty FROM balance
        WHERE sku_id = ${skuId}::uuid AND qty <> 0 GROUP BY 1, 2, 3, 4`),
      db.query<{ seq: number | null }>(sql`
        SELECT seq FROM ledger_event WHERE sku_id = ${skuId}::uuid ORDER BY occurred_at DESC, seq DESC LIMIT 1`),
    ]);
    return { rows, lastSeq: Number(last[0]?.seq ?? 0) };
  }
  const dayStart = new Date(Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth(), asOf.getUTCDate()));
  const [rows, last] = await Promise.all([
    db.query<Row>(sql`
      SELECT location_id::text, state, bin, channel_id, sum(qty)::int AS qty FROM (
        SELECT location_id, state, bin, channel_id, delta AS qty FROM balance_day
        WHERE sku_id = ${skuId}::uuid AND day < ${dayStart}::date
        UNION ALL
        SELECT location_id, from_state, from_bin, CASE WHEN from_state = ANY(${CHANNEL_STATE_LIST}::text[]) THEN coalesce(channel_id::text, '') ELSE '' END, -qty
        FROM ledger_event WHERE sku_id = ${skuId}::uuid AND from_state IS NOT NULL AND occurred_at >= ${dayStart} AND occurred_at <= ${asOf}
        UNION ALL
        SELECT to_location_id, to_state, to_bin, CASE WHEN to_state = ANY(${CHANNEL_STATE_LIST}::text[]) THEN coalesce(channel_id::text, '') ELSE '' END, qty
        FROM ledger_event WHERE sku_id = ${skuId}::uuid AND to_state IS NOT NULL AND occurred_at >= ${dayStart} AND occurred_at <= ${asOf}
      ) moves GROUP BY 1, 2, 3, 4 HAVING sum(qty) <> 0`),
    db.query<{ seq: number | null }>(sql`
      SELECT seq FROM ledger_event WHERE sku_id = ${skuId}::uuid AND occurred_at <= ${asOf} ORDER BY occurred_at DESC, seq DESC LIMIT 1`),
  ]);
  return { rows, lastSeq: Number(last[0]?.seq ?? 0) };
}

export async function skuPositions(skuCode: string, options: { asOf?: Date | null; location?: string; db?: Db } = {}) {
  const db = options.db ?? pooled;
  const sku = await findSku(db, skuCode);
  const asOf = options.asOf && options.asOf.getTime() < Date.now() ? options.asOf : null;
  const { rows, lastSeq } = await positionRows(db, sku.id, asOf);
  const refs = await loadRefs(db, { ids: rows.flatMap((row) => [row.location_id, row.channel_id]), locations: [options.location] });
  const positions: PositionRow[] = rows.flatMap((row) =>
    isState(row.state)
      ? [{
          location: refs.locationCodeById.get(row.location_id) ?? row.location_id,
          state: row.state,
          bin: row.bin,
          channel: row.channel_id ? (refs.channelCodeById.get(row.channel_id) ?? row.channel_id) : "",
          qty: row.qty,
        }]
      : [],
  );
  return { sku, refs, positions, asOf: asOf ?? new Date(), lastSeq };
}

export type WarehouseResponse = WarehouseView & { sku: string; asOf: string; asOfEvent: number };

/** GET /api/v1/skus/{sku}/warehouse — and the warehouse screens. */
export async function warehouseBalances(skuCode: string, options: { asOf?: Date | null; location?: string; db?: Db } = {}): Promise<WarehouseResponse> {
  const { sku, refs, positions, asOf, lastSeq } = await skuPositions(skuCode, options);
  const locations = options.location ? [refs.locationCodeById.get(locationId(refs, options.location))!] : [...refs.locationIdByCode.keys()].sort();
  return { sku: sku.code, asOf: asOf.toISOString(), asOfEvent: lastSeq, ...warehouseView(positions, locations) };
}

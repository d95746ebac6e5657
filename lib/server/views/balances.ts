import "server-only";
import { sql, type Db, type Sql } from "@/lib/server/sql";
import { db as pooled } from "@/lib/server/sql";
import { CHANNEL_STATES } from "@/lib/domain/states";
import { isState } from "@/lib/domain/states";
import { warehouseView, type StateRow, type WarehouseView } from "@/lib/domain/warehouse-view";
import { dayEnd, dayOf, dayStart } from "@/lib/domain/periods";
import { findSku, loadRefs, locationId } from "@/lib/server/ledger/refs";
import { INTERNAL_ONLY } from "@/lib/server/internal-states";

export type PositionRow = StateRow & { channel: string };

const CHANNEL_STATE_LIST = [...CHANNEL_STATES];

type Row = { location_id: string; state: string; bin: string; channel_id: string; qty: number };

const side = (state: "from" | "to") =>
  state === "from"
    ? sql`location_id, from_state, from_bin, CASE WHEN from_state = ANY(${CHANNEL_STATE_LIST}::text[]) THEN coalesce(channel_id::text, '') ELSE '' END`
    : sql`to_location_id, to_state, to_bin, CASE WHEN to_state = ANY(${CHANNEL_STATE_LIST}::text[]) THEN coalesce(channel_id::text, '') ELSE '' END`;

/** Reading the past forward (from the first day) or backward (from the current balances). */
export type AsOfStrategy = "forward" | "backward";

/** Recent moments are fewer days back from now than forward from the start. */
const BACKWARD_WITHIN_DAYS = 120;

export function strategyFor(asOf: Date, now = new Date()): AsOfStrategy {
  return now.getTime() - asOf.getTime() < BACKWARD_WITHIN_DAYS * 86_400_000 ? "backward" : "forward";
}

/**
 * The scope's per-day rows after `day` (a "YYYY-MM-DD" string), for one SKU through
 * the (sku_id, day) key: the row comparison is one only that key serves. With `day > d`
 * alone, statistics that had not yet seen the newest days made the day index look
 * cheaper, and the read filtered every SKU's rows since (11,740 for one SKU's
 * month-end check in the simulated year).
 */
export function skuDaysAfter(skus: SkuScope, day: string): Sql {
  const one = onlySku(skus);
  if (one) return sql`sku_id = ${one}::uuid AND (sku_id, day) > (${one}::uuid, ${day}::date)`;
  return skus ? sql`sku_id = ANY(${skus}::uuid[]) AND day > ${day}::date` : sql`day > ${day}::date`;
}

/** What a read of moves yields before its signed quantity, per source: the balances, the per-day rows, and a ledger row's from and to side. */
export type MoveColumns = { balance: Sql; day: Sql; from: Sql; to: Sql };

/** Which SKUs a read covers: one, a set of them (as for a page or a month-end check), or every SKU (null). */
export type SkuScope = string | readonly string[] | null;

/** The one SKU of a scope that names exactly one, else null. */
const onlySku = (skus: SkuScope) => (typeof skus === "string" ? skus : skus?.length === 1 ? skus[0] : null);

/** ` AND <column> = <skuId>` for one SKU, `= ANY(...)` for a set, nothing for every SKU. */
export function skuIs(skus: SkuScope, column = sql`sku_id`): Sql {
  const one = onlySku(skus);
  if (one) return sql` AND ${column} = ${one}::uuid`;
  return skus ? sql` AND ${column} = ANY(${skus}::uuid[])` : sql``;
}

/** The current internal balances of the scope's SKUs, as (columns, qty) rows. */
export function currentMoves(columns: MoveColumns, skuId: SkuScope): Sql {
  // Internal positions only: sources and sinks are no view's business, and the
  // customer's per-order-line positions grow with every line ever shipped.
  return sql`SELECT ${columns.balance}, qty FROM balance WHERE qty <> 0 AND ${INTERNAL_ONLY}${skuIs(skuId)}`;
}

/**
 * Signed (columns, qty) rows that sum to the scope's balances as of
 * a moment in the past, without replaying the history: forward, the per-day net
 * movement before that day plus that day's events up to the moment; backward, the
 * current balances less the per-day movement after that day and that day's later
 * events. The warehouse view and finance's owned units read the past through here;
 * the reconciliation keeps readers of its own, so that its two sides stay independent.
 */
export function movesAsOf(asOf: Date, strategy: AsOfStrategy, columns: MoveColumns, skuId: SkuScope): Sql {
  // The day is bound as a string: a Date bound to ::date takes the process's zone.
  const day = dayOf(asOf);
  const [from, to] = [dayStart(day), dayEnd(day)];
  const sku = skuIs(skuId);
  if (strategy === "forward") {
    return sql`
      SELECT ${columns.day}, delta FROM balance_day WHERE day < ${day}::date${sku}
      UNION ALL SELECT ${columns.from}, -qty FROM ledger_event
        WHERE from_state IS NOT NULL AND occurred_at >= ${from} AND occurred_at <= ${asOf}${sku}
      UNION ALL SELECT ${columns.to}, qty FROM ledger_event
        WHERE to_state IS NOT NULL AND occurred_at >= ${from} AND occurred_at <= ${asOf}${sku}`;
  }
  return sql`
      ${currentMoves(columns, skuId)}
      UNION ALL SELECT ${columns.day}, -delta FROM balance_day WHERE ${skuDaysAfter(skuId, day)}
      UNION ALL SELECT ${columns.from}, qty FROM ledger_event
        WHERE from_state IS NOT NULL AND occurred_at > ${asOf} AND occurred_at < ${to}${sku}
      UNION ALL SELECT ${columns.to}, -qty FROM ledger_event
        WHERE to_state IS NOT NULL AND occurred_at > ${asOf} AND occurred_at < ${to}${sku}`;
}

/** By position: location, state, bin and the channel of the states that keep one. */
const POSITION: MoveColumns = {
  balance: sql`location_id, state, bin, channel_id`,
  day: sql`location_id, state, bin, channel_id`,
  from: side("from"),
  to: side("to"),
};

/** Balances of one SKU grouped by (location, state, bin, channel), now or as of a business time (movesAsOf). */
async function positionRows(db: Db, skuId: string, asOf: Date | null, strategy: AsOfStrategy | undefined): Promise<{ rows: Row[]; lastSeq: number }> {
  const last = db.query<{ seq: number | null }>(sql`
    SELECT seq FROM ledger_event WHERE sku_id = ${skuId}::uuid AND occurred_at <= ${asOf ?? new Date("9999-12-31")}
    ORDER BY occurred_at DESC, seq DESC LIMIT 1`);
  const moves = asOf ? movesAsOf(asOf, strategy ?? strategyFor(asOf), POSITION, skuId) : currentMoves(POSITION, skuId);
  const [rows, seq] = await Promise.all([
    db.query<Row>(sql`
      SELECT location_id::text, state, bin, channel_id, sum(qty)::int AS qty FROM (${moves}) AS moves(location_id, state, bin, channel_id, qty)
      WHERE ${INTERNAL_ONLY} GROUP BY 1, 2, 3, 4 HAVING sum(qty) <> 0`),
    last,
  ]);
  return { rows, lastSeq: Number(seq[0]?.seq ?? 0) };
}

export async function skuPositions(skuCode: string, options: { asOf?: Date | null; location?: string; db?: Db; strategy?: AsOfStrategy } = {}) {
  const db = options.db ?? pooled;
  const sku = await findSku(db, skuCode);
  const asOf = options.asOf && options.asOf.getTime() < Date.now() ? options.asOf : null;
  const { rows, lastSeq } = await positionRows(db, sku.id, asOf, options.strategy);
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
export async function warehouseBalances(
  skuCode: string,
  options: { asOf?: Date | null; location?: string; db?: Db; strategy?: AsOfStrategy } = {},
): Promise<WarehouseResponse> {
  const { sku, refs, positions, asOf, lastSeq } = await skuPositions(skuCode, options);
  // The location asked for, even when empty; else where the SKU has stock at that moment.
  const locations = options.location ? [refs.locationCodeById.get(locationId(refs, options.location))!] : undefined;
  return { sku: sku.code, asOf: asOf.toISOString(), asOfEvent: lastSeq, ...warehouseView(positions, locations) };
}

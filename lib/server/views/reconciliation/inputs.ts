import "server-only";
import { sql, type Db } from "@/lib/server/sql";
import { AMOUNT_SCALE, toMinor } from "@/lib/domain/money";
import { isState, type InternalState } from "@/lib/domain/states";
import type { Position, ReconciliationInput } from "@/lib/domain/reconciliation/types";
import type { Refs, SkuRef } from "@/lib/server/ledger/refs";
import { ownedUnits } from "../finance/as-of";
import { skuIs } from "../balances";
import { loadSupplies } from "../supply";
import { balancePositions, inflows, ledgerOnHand, valueSides } from "./sources";

// Gathers the reconciliation inputs of a set of SKUs in a handful of statements run
// together (never one per bucket, nor one per SKU); the arithmetic is
// lib/domain/reconciliation's.

/** States whose units a bucket or timing gap points at: not AVAILABLE (the remainder of ATP) nor ON_ORDER. */
const TRAILED: InternalState[] = [
  "RESERVED", "PICKED", "PACKED", "RECEIVING", "QUALITY_HOLD", "DAMAGED", "RETURN_QC", "REJECTED", "INBOUND_TRANSIT", "TRANSFER_TRANSIT", "OUTBOUND_TRANSIT",
];
/** Enough to cover a position of a few hundred units received in lots; beyond it the trail says "more". */
const INFLOWS_PER_POSITION = 40;

type PositionRecord = { sku_id: string; location_id: string; state: string; doc: string; channel_id: string; qty: number; fob: string | null };
type InflowRecord = { sku_id: string; id: string; location_id: string; state: string; channel_id: string; doc: string; qty: number; occurred_at: Date };
type ValueRecord = { sku_id: string; journal: string; layers: string; inbound_held: string; outbound_held: string };
type GrniRecord = { sku_id: string; doc: string; location_id: string; qty: number; value: string; since: Date };
type LocatedQty = { sku_id: string; location_id: string; qty: number };

const cents = (value: string | null | undefined) => toMinor(value ?? "0", AMOUNT_SCALE);

/** Rows grouped by their SKU id. */
function bySku<T extends { sku_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(row.sku_id);
    if (list) list.push(row);
    else out.set(row.sku_id, [row]);
  }
  return out;
}

/**
 * The reconciliation inputs of one SKU or of many at once (a month-end check
 * reads them a chunk of SKUs at a time): the same statements either way, each
 * covering every SKU asked for. `asOf` null is now; `at` is the moment read either
 * way (on hand from the ledger needs an instant). Keyed by SKU id.
 */
export async function loadInputs(db: Db, refs: Refs, skus: readonly SkuRef[], asOf: Date | null, at: Date): Promise<Map<string, ReconciliationInput>> {
  const ids = skus.map((sku) => sku.id);
  const [positionRows, onHandRows, ownedRows, valueRows, grniRows, channels] = await Promise.all([
    db.query<PositionRecord>(balancePositions(ids, asOf)),
    db.query<LocatedQty>(sql`SELECT sku_id::text, location_id::text, qty FROM (${ledgerOnHand(at, ids)}) AS o`),
    db.query<LocatedQty>(sql`
      SELECT sku_id::text, location_id::text, sum(qty)::int AS qty FROM (${ownedUnits(asOf, ids)}) AS m(sku_id, location_id, state, qty) GROUP BY 1, 2`),
    db.query<ValueRecord>(sql`SELECT sku_id::text, journal, layers, inbound_held, outbound_held FROM (${valueSides(asOf, ids)}) AS v`),
    db.query<GrniRecord>(sql`
      SELECT j.sku_id::text, j.doc, min(j.location_id::text) AS location_id, (-sum(j.debit - j.credit))::numeric(20, 2)::text AS value, min(j.occurred_at) AS since,
        coalesce((SELECT im.booked_qty - im.invoiced_qty FROM invoice_match im WHERE im.sku_id = j.sku_id AND im.doc = j.doc), 0)::int AS qty
      FROM journal_line j WHERE j.account = 'grni' AND j.occurred_at <= ${at}${skuIs(ids, sql`j.sku_id`)}
      GROUP BY j.sku_id, j.doc HAVING sum(j.debit - j.credit) < 0`),
    db.query<{ code: string }>(sql`SELECT code FROM channel ORDER BY code`),
  ]);
  const location = (id: string) => refs.locationCodeById.get(id) ?? id;
  const channel = (id: string) => (id ? (refs.channelCodeById.get(id) ?? id) : "");
  const positions = new Map<string, Position[]>(
    [...bySku(positionRows)].map(([skuId, rows]) => [
      skuId,
      rows.flatMap((r) => (isState(r.state) ? [{ location: location(r.location_id), state: r.state as InternalState, channel: channel(r.channel_id), doc: r.doc, qty: r.qty, fob: r.fob }] : [])),
    ]),
  );
  // Trails only for positions that hold units: a bucket points at what put them there.
  const trailed = positionRows.filter((r) => r.qty > 0 && TRAILED.includes(r.state as InternalState));
  const [inflowRows, supplies] = await Promise.all([
    trailed.length ? db.query<InflowRecord>(inflows(at, trailed, INFLOWS_PER_POSITION)) : Promise.resolve([]),
    // Safety stock and fences from the policies; units by state and incoming documents from the positions above.
    loadSupplies(db, refs, ids, { at, rows: positions, incoming: positionRows }),
  ]);
  const byLocation = (rows: readonly LocatedQty[] = []) => {
    const out: Record<string, number> = {};
    for (const r of rows) out[location(r.location_id)] = (out[location(r.location_id)] ?? 0) + r.qty;
    return out;
  };
  const [onHand, owned, trails, value, grni] = [bySku(onHandRows), bySku(ownedRows), bySku(inflowRows), bySku(valueRows), bySku(grniRows)];
  return new Map(
    skus.map((sku): [string, ReconciliationInput] => {
      const sides = value.get(sku.id)?.[0];
      return [sku.id, {
        asOf: at.toISOString(),
        channels: channels.map((c) => c.code),
        onHand: byLocation(onHand.get(sku.id)),
        owned: byLocation(owned.get(sku.id)),
        positions: positions.get(sku.id) ?? [],
        supplies: supplies.get(sku.id) ?? [],
        inflows: (trails.get(sku.id) ?? []).map((r) => ({
          id: r.id, location: location(r.location_id), state: r.state, channel: channel(r.channel_id), doc: r.doc, qty: r.qty, at: new Date(r.occurred_at).toISOString(),
        })),
        value: { journal: cents(sides?.journal), layers: cents(sides?.layers), inboundHeld: cents(sides?.inbound_held), outboundHeld: cents(sides?.outbound_held) },
        grni: (grni.get(sku.id) ?? []).map((r) => ({ doc: r.doc, location: location(r.location_id), qty: r.qty, value: cents(r.value), since: new Date(r.since).toISOString() })),
      }];
    }),
  );
}

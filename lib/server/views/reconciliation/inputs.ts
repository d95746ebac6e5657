import "server-only";
import { sql, type Db } from "@/lib/server/sql";
import { AMOUNT_SCALE, toMinor } from "@/lib/domain/money";
import { isState, type InternalState } from "@/lib/domain/states";
import type { Inflow, Position, ReconciliationInput } from "@/lib/domain/reconciliation/types";
import type { Refs, SkuRef } from "@/lib/server/ledger/refs";
import { ownedUnits } from "../finance/as-of";
import { loadSupplies } from "../supply";
import { balancePositions, inflows, ledgerOnHand, valueSides } from "./sources";

// Gathers one SKU's reconciliation inputs in a handful of statements run together
// (never one per bucket); the arithmetic is lib/domain/reconciliation's.

/** States whose units a bucket or timing gap points at: not AVAILABLE (the remainder of ATP) nor ON_ORDER. */
const TRAILED: InternalState[] = [
  "RESERVED", "PICKED", "PACKED", "RECEIVING", "QUALITY_HOLD", "DAMAGED", "RETURN_QC", "REJECTED", "INBOUND_TRANSIT", "TRANSFER_TRANSIT", "OUTBOUND_TRANSIT",
];
/** Enough to cover a position of a few hundred units received in lots; beyond it the trail says "more". */
const INFLOWS_PER_POSITION = 40;

type PositionRecord = { location_id: string; state: string; doc: string; channel_id: string; qty: number; fob: string | null };
type InflowRecord = { id: string; location_id: string; state: string; channel_id: string; doc: string; qty: number; occurred_at: Date };
type ValueRecord = { journal: string; layers: string; inbound_held: string; outbound_held: string };
type GrniRecord = { doc: string; location_id: string; qty: number; value: string; since: Date };

const cents = (value: string | null | undefined) => toMinor(value ?? "0", AMOUNT_SCALE);

/** `asOf` null is now; `at` is the moment read either way (on hand from the ledger needs an instant). */
export async function loadInputs(db: Db, refs: Refs, sku: SkuRef, asOf: Date | null, at: Date): Promise<ReconciliationInput> {
  const [positionRows, onHandRows, ownedRows, [value], grniRows, channels] = await Promise.all([
    db.query<PositionRecord>(balancePositions(sku.id, asOf)),
    db.query<{ location_id: string; qty: number }>(sql`SELECT location_id::text, qty FROM (${ledgerOnHand(at, sku.id)}) AS o`),
    db.query<{ location_id: string; qty: number }>(sql`
      SELECT location_id::text, sum(qty)::int AS qty FROM (${ownedUnits(asOf, sku.id)}) AS m(sku_id, location_id, state, qty) GROUP BY 1`),
    db.query<ValueRecord>(valueSides(asOf, sku.id)),
    db.query<GrniRecord>(sql`
      SELECT j.doc, min(j.location_id::text) AS location_id, (-sum(j.debit - j.credit))::numeric(20, 2)::text AS value, min(j.occurred_at) AS since,
        coalesce((SELECT im.booked_qty - im.invoiced_qty FROM invoice_match im WHERE im.sku_id = j.sku_id AND im.doc = j.doc), 0)::int AS qty
      FROM journal_line j WHERE j.sku_id = ${sku.id}::uuid AND j.account = 'grni' AND j.occurred_at <= ${at}
      GROUP BY j.sku_id, j.doc HAVING sum(j.debit - j.credit) < 0`),
    db.query<{ code: string }>(sql`SELECT code FROM channel ORDER BY code`),
  ]);
  const location = (id: string) => refs.locationCodeById.get(id) ?? id;
  const channel = (id: string) => (id ? (refs.channelCodeById.get(id) ?? id) : "");
  const positions: Position[] = positionRows.flatMap((r) =>
    isState(r.state) ? [{ location: location(r.location_id), state: r.state as InternalState, channel: channel(r.channel_id), doc: r.doc, qty: r.qty, fob: r.fob }] : [],
  );
  // Trails only for positions that hold units: a bucket points at what put them there.
  const trailed = positionRows.filter((r) => r.qty > 0 && TRAILED.includes(r.state as InternalState));
  const [inflowRows, supplies] = await Promise.all([
    trailed.length ? db.query<InflowRecord>(inflows(sku.id, at, trailed, INFLOWS_PER_POSITION)) : Promise.resolve([]),
    // Safety stock and fences from the policies; units by state from the positions above.
    loadSupplies(db, refs, [sku.id], { skuId: sku.id, rows: positions, at }),
  ]);
  const byLocation = (rows: { location_id: string; qty: number }[]) => {
    const out: Record<string, number> = {};
    for (const r of rows) out[location(r.location_id)] = (out[location(r.location_id)] ?? 0) + r.qty;
    return out;
  };
  const trail: Inflow[] = inflowRows.map((r) => ({
    id: r.id, location: location(r.location_id), state: r.state, channel: channel(r.channel_id), doc: r.doc, qty: r.qty, at: new Date(r.occurred_at).toISOString(),
  }));
  return {
    asOf: at.toISOString(),
    channels: channels.map((c) => c.code),
    onHand: byLocation(onHandRows),
    owned: byLocation(ownedRows),
    positions,
    supplies: supplies.get(sku.id) ?? [],
    inflows: trail,
    value: { journal: cents(value?.journal), layers: cents(value?.layers), inboundHeld: cents(value?.inbound_held), outboundHeld: cents(value?.outbound_held) },
    grni: grniRows.map((r) => ({ doc: r.doc, location: location(r.location_id), qty: r.qty, value: cents(r.value), since: new Date(r.since).toISOString() })),
  };
}

import "server-only";
import { sql, type Db } from "@/lib/server/sql";
import { DomainError } from "@/lib/domain/errors";
import { AMOUNT_SCALE, fromMinor, UNIT_COST_SCALE } from "@/lib/domain/money";
import { dayOf } from "@/lib/domain/periods";
import type { HoldingKind } from "@/lib/domain/finance/cost-state";
import type { Valuation } from "@/lib/domain/finance/value-event";
import { locationId, type Refs, type SkuRef } from "./refs";
import type { Posted } from "./write";

const cents = (value: bigint) => fromMinor(value, AMOUNT_SCALE);
const cost4 = (value: bigint) => fromMinor(value, UNIT_COST_SCALE);

/**
 * Writes what valuing a group decided, in one statement inside the posting
 * transaction: its journal lines (each on the ledger row of its leg) and their
 * per-day sums, the pool, the layers it created or consumed with their moves,
 * and the holdings and invoice matches it changed. The SKU's lock is held, so
 * the state written is the state read, changed by this event alone.
 */
export async function writeValuation(tx: Db, refs: Refs, sku: SkuRef, posted: Posted, valuation: Valuation): Promise<void> {
  const seqOf = (leg: number) => posted.events[Math.max(leg, 0)].seq;
  const lastSeq = posted.events.at(-1)?.seq ?? 0;
  const occurredAt = new Date(posted.events[0].occurredAt);
  const { state } = valuation;
  const lines = valuation.lines.map((line) => ({
    seq: seqOf(line.leg),
    location_id: locationId(refs, line.location),
    account: line.account,
    debit: cents(line.amount > 0n ? line.amount : 0n),
    credit: cents(line.amount < 0n ? -line.amount : 0n),
    doc: line.doc,
  }));
  const moved = new Set(valuation.layerMoves.map((move) => move.layerId));
  const open = new Map(state.layers.map((layer) => [layer.id, layer]));
  // Only a new layer gains units; consumption takes them.
  const created = new Set(valuation.layerMoves.filter((move) => move.qty > 0).map((move) => move.layerId));
  const newLayers = valuation.layerMoves.flatMap((move) => {
    const layer = move.qty > 0 ? open.get(move.layerId) : undefined;
    if (!layer) return [];
    return [{
      id: layer.id, seq: seqOf(move.leg), received_at: layer.receivedAt.toISOString(), unit_cost: cost4(layer.unitCost),
      qty_in: layer.qtyIn, value_in: cents(layer.valueIn), qty_left: layer.qtyLeft, value_left: cents(layer.valueLeft),
    }];
  });
  const changedLayers = [...moved].filter((id) => !created.has(id)).map((id) => {
    const layer = open.get(id);
    return { id, qty_left: layer?.qtyLeft ?? 0, value_left: cents(layer?.valueLeft ?? 0n) };
  });
  const moves = valuation.layerMoves.map((move) => ({ layer_id: move.layerId, seq: seqOf(move.leg), qty: move.qty, value: cents(move.value) }));
  const holdings = [...valuation.touched.holdings].map((key) => {
    const [kind, ...rest] = key.split("|");
    const holding = state.holdings[key];
    return { kind: kind as HoldingKind, doc: rest.join("|"), location_id: locationId(refs, holding.location), qty: holding.qty, value: cents(holding.value) };
  });
  const matches = [...valuation.touched.matches].map((doc) => {
    const match = state.matches[doc];
    return { doc, location_id: locationId(refs, match.location), unit_cost: cost4(match.unitCost), booked_qty: match.booked, invoiced_qty: match.invoiced };
  });
  const json = (value: unknown) => JSON.stringify(value);
  await tx.query(sql`
    WITH lines AS (
      INSERT INTO journal_line (seq, group_id, sku_id, location_id, account, debit, credit, occurred_at, doc)
      SELECT x.seq, ${posted.group}::uuid, ${sku.id}::uuid, x.location_id, x.account, x.debit, x.credit, ${occurredAt}, x.doc
        FROM jsonb_to_recordset(${json(lines)}::jsonb) AS x(seq bigint, location_id uuid, account text, debit numeric, credit numeric, doc text)
      RETURNING location_id, account, debit, credit
    ), daily AS (
      INSERT INTO journal_day (sku_id, location_id, account, day, debit, credit)
      SELECT ${sku.id}::uuid, location_id, account, ${dayOf(occurredAt)}::date, sum(debit), sum(credit) FROM lines GROUP BY location_id, account
      ON CONFLICT (sku_id, day, account, location_id)
      DO UPDATE SET debit = journal_day.debit + EXCLUDED.debit, credit = journal_day.credit + EXCLUDED.credit
      RETURNING 1
    ), pool AS (
      INSERT INTO cost_pool (sku_id, qty, value, unit_cost, last_seq)
      VALUES (${sku.id}::uuid, ${state.pool.qty}, ${cents(state.pool.value)}::numeric,
              ${state.pool.unitCost === null ? null : cost4(state.pool.unitCost)}::numeric, ${lastSeq})
      ON CONFLICT (sku_id) DO UPDATE SET qty = EXCLUDED.qty, value = EXCLUDED.value, unit_cost = EXCLUDED.unit_cost, last_seq = EXCLUDED.last_seq
      RETURNING 1
    ), created AS (
      INSERT INTO cost_layer (id, sku_id, seq, received_at, unit_cost, qty_in, value_in, qty_left, value_left)
      SELECT x.id, ${sku.id}::uuid, x.seq, x.received_at, x.unit_cost, x.qty_in, x.value_in, x.qty_left, x.value_left
        FROM jsonb_to_recordset(${json(newLayers)}::jsonb)
          AS x(id uuid, seq bigint, received_at timestamptz, unit_cost numeric, qty_in int, value_in numeric, qty_left int, value_left numeric)
      RETURNING 1
    ), consumed AS (
      UPDATE cost_layer l SET qty_left = x.qty_left, value_left = x.value_left
        FROM jsonb_to_recordset(${json(changedLayers)}::jsonb) AS x(id uuid, qty_left int, value_left numeric)
       WHERE l.id = x.id
      RETURNING 1
    ), moves AS (
      INSERT INTO layer_move (layer_id, sku_id, seq, occurred_at, qty, value)
      SELECT x.layer_id, ${sku.id}::uuid, x.seq, ${occurredAt}, x.qty, x.value
        FROM jsonb_to_recordset(${json(moves)}::jsonb) AS x(layer_id uuid, seq bigint, qty int, value numeric)
      RETURNING 1
    ), holdings AS (
      INSERT INTO cost_holding (sku_id, kind, doc, location_id, qty, value)
      SELECT ${sku.id}::uuid, x.kind, x.doc, x.location_id, x.qty, x.value
        FROM jsonb_to_recordset(${json(holdings)}::jsonb) AS x(kind text, doc text, location_id uuid, qty int, value numeric)
      ON CONFLICT (sku_id, kind, doc) DO UPDATE SET qty = EXCLUDED.qty, value = EXCLUDED.value
      RETURNING 1
    ), matches AS (
      INSERT INTO invoice_match (sku_id, doc, location_id, unit_cost, booked_qty, invoiced_qty)
      SELECT ${sku.id}::uuid, x.doc, x.location_id, x.unit_cost, x.booked_qty, x.invoiced_qty
        FROM jsonb_to_recordset(${json(matches)}::jsonb) AS x(doc text, location_id uuid, unit_cost numeric, booked_qty int, invoiced_qty int)
      ON CONFLICT (sku_id, doc) DO UPDATE SET booked_qty = EXCLUDED.booked_qty, invoiced_qty = EXCLUDED.invoiced_qty
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM lines) + (SELECT count(*) FROM daily) + (SELECT count(*) FROM pool) + (SELECT count(*) FROM created)
         + (SELECT count(*) FROM consumed) + (SELECT count(*) FROM moves) + (SELECT count(*) FROM holdings) + (SELECT count(*) FROM matches) AS written`)
    .catch((error: unknown) => {
      if (error instanceof Error && error.message.includes("invoice_match_not_over")) {
        throw new DomainError("conflict", "Those units are already invoiced; reverse the invoice match first.");
      }
      throw error;
    });
}

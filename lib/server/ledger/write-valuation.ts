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

/** One valued group: its answer's rows (for their seqs) and what valuing it decided. */
export type ValuedGroup = { posted: Pick<Posted, "group" | "events">; valuation: Valuation };

/**
 * Writes what valuing a group decided, in one statement inside the posting
 * transaction: its journal lines (each on the ledger row of its leg) and their
 * per-day sums, the pool, the layers it created or consumed with their moves,
 * and the holdings and invoice matches it changed. The SKU's lock is held, so
 * the state written is the state read, changed by this event alone.
 */
export async function writeValuation(tx: Db, refs: Refs, sku: SkuRef, posted: Posted, valuation: Valuation): Promise<void> {
  await writeValuationLanes(tx, [{ refs, sku, groups: [{ posted, valuation }] }]);
}

/** One SKU's valued groups, in the order they were valued on its cost state. */
export type ValuedLane = { refs: Refs; sku: SkuRef; groups: ValuedGroup[] };

/**
 * The same for the valued groups of several SKUs (each SKU's valued one after
 * another: a batch, a group commit): each group's lines and moves, and the state
 * each SKU's last group left (pool, layers, holdings, matches), in one statement.
 */
export async function writeValuationLanes(tx: Db, lanes: ValuedLane[]): Promise<void> {
  const shaped = lanes.filter((lane) => lane.groups.length).map(shapeValuations);
  if (!shaped.length) return;
  const all = (key: keyof ShapedValuations): unknown[] => shaped.flatMap((lane) => lane[key] as unknown[]);
  const json = (value: unknown) => JSON.stringify(value);
  await tx.query(sql`
    WITH lines AS (
      INSERT INTO journal_line (seq, group_id, sku_id, location_id, account, debit, credit, occurred_at, doc)
      SELECT x.seq, x.group_id, x.sku_id, x.location_id, x.account, x.debit, x.credit, x.occurred_at, x.doc
        FROM jsonb_to_recordset(${json(all("lines"))}::jsonb)
          AS x(seq bigint, group_id uuid, sku_id uuid, occurred_at timestamptz, day date, location_id uuid, account text, debit numeric, credit numeric, doc text)
      RETURNING 1
    ), daily AS (
      INSERT INTO journal_day (sku_id, location_id, account, day, debit, credit)
      SELECT x.sku_id, x.location_id, x.account, x.day, sum(x.debit), sum(x.credit)
        FROM jsonb_to_recordset(${json(all("lines"))}::jsonb) AS x(sku_id uuid, day date, location_id uuid, account text, debit numeric, credit numeric)
       GROUP BY x.sku_id, x.location_id, x.account, x.day
      ON CONFLICT (sku_id, day, account, location_id)
      DO UPDATE SET debit = journal_day.debit + EXCLUDED.debit, credit = journal_day.credit + EXCLUDED.credit
      RETURNING 1
    ), pool AS (
      INSERT INTO cost_pool (sku_id, qty, value, unit_cost, last_seq)
      SELECT x.sku_id, x.qty, x.value, x.unit_cost, x.last_seq
        FROM jsonb_to_recordset(${json(all("pool"))}::jsonb) AS x(sku_id uuid, qty int, value numeric, unit_cost numeric, last_seq bigint)
      ON CONFLICT (sku_id) DO UPDATE SET qty = EXCLUDED.qty, value = EXCLUDED.value, unit_cost = EXCLUDED.unit_cost, last_seq = EXCLUDED.last_seq
      RETURNING 1
    ), created AS (
      INSERT INTO cost_layer (id, sku_id, seq, received_at, unit_cost, qty_in, value_in, qty_left, value_left)
      SELECT x.id, x.sku_id, x.seq, x.received_at, x.unit_cost, x.qty_in, x.value_in, x.qty_left, x.value_left
        FROM jsonb_to_recordset(${json(all("createdLayers"))}::jsonb)
          AS x(id uuid, sku_id uuid, seq bigint, received_at timestamptz, unit_cost numeric, qty_in int, value_in numeric, qty_left int, value_left numeric)
      RETURNING 1
    ), consumed AS (
      UPDATE cost_layer l SET qty_left = x.qty_left, value_left = x.value_left
        FROM jsonb_to_recordset(${json(all("changedLayers"))}::jsonb) AS x(id uuid, qty_left int, value_left numeric)
       WHERE l.id = x.id
      RETURNING 1
    ), moves AS (
      INSERT INTO layer_move (layer_id, sku_id, seq, occurred_at, qty, value)
      SELECT x.layer_id, x.sku_id, x.seq, x.occurred_at, x.qty, x.value
        FROM jsonb_to_recordset(${json(all("moves"))}::jsonb) AS x(layer_id uuid, sku_id uuid, seq bigint, occurred_at timestamptz, qty int, value numeric)
      RETURNING 1
    ), holdings AS (
      INSERT INTO cost_holding (sku_id, kind, doc, location_id, qty, value)
      SELECT x.sku_id, x.kind, x.doc, x.location_id, x.qty, x.value
        FROM jsonb_to_recordset(${json(all("holdings"))}::jsonb) AS x(sku_id uuid, kind text, doc text, location_id uuid, qty int, value numeric)
      ON CONFLICT (sku_id, kind, doc) DO UPDATE SET qty = EXCLUDED.qty, value = EXCLUDED.value
      RETURNING 1
    ), matches AS (
      INSERT INTO invoice_match (sku_id, doc, location_id, unit_cost, booked_qty, invoiced_qty)
      SELECT x.sku_id, x.doc, x.location_id, x.unit_cost, x.booked_qty, x.invoiced_qty
        FROM jsonb_to_recordset(${json(all("matches"))}::jsonb) AS x(sku_id uuid, doc text, location_id uuid, unit_cost numeric, booked_qty int, invoiced_qty int)
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

type ShapedValuations = ReturnType<typeof shapeValuations>;

/** One SKU's rows for the write: journal lines, the pool, layers created and changed with their moves, holdings and matches touched. */
function shapeValuations({ refs, sku, groups }: ValuedLane) {
  const last = groups[groups.length - 1];
  const state = last.valuation.state;
  const lastSeq = last.posted.events.at(-1)?.seq ?? 0;
  const lines = groups.flatMap(({ posted, valuation }) => {
    const occurredAt = posted.events[0].occurredAt;
    return valuation.lines.map((line) => ({
      seq: posted.events[Math.max(line.leg, 0)].seq,
      group_id: posted.group,
      sku_id: sku.id,
      occurred_at: occurredAt,
      day: dayOf(new Date(occurredAt)),
      location_id: locationId(refs, line.location),
      account: line.account,
      debit: cents(line.amount > 0n ? line.amount : 0n),
      credit: cents(line.amount < 0n ? -line.amount : 0n),
      doc: line.doc,
    }));
  });
  // Only a new layer gains units; consumption takes them. A layer is written as the
  // last group left it (gone from the open layers: used up).
  const open = new Map(state.layers.map((layer) => [layer.id, layer]));
  const newLayers = new Map<string, { id: string; sku_id: string; seq: number; received_at: string; unit_cost: string; qty_in: number; value_in: string }>();
  const moved = new Set<string>();
  const moves = groups.flatMap(({ posted, valuation }) => {
    const after = new Map(valuation.state.layers.map((layer) => [layer.id, layer]));
    return valuation.layerMoves.map((move) => {
      const seq = posted.events[Math.max(move.leg, 0)].seq;
      const created = move.qty > 0 ? after.get(move.layerId) : undefined;
      if (created && !newLayers.has(created.id)) {
        newLayers.set(created.id, {
          id: created.id, sku_id: sku.id, seq, received_at: created.receivedAt.toISOString(), unit_cost: cost4(created.unitCost), qty_in: created.qtyIn, value_in: cents(created.valueIn),
        });
      }
      moved.add(move.layerId);
      return { layer_id: move.layerId, sku_id: sku.id, seq, occurred_at: posted.events[0].occurredAt, qty: move.qty, value: cents(move.value) };
    });
  });
  const left = (id: string) => ({ qty_left: open.get(id)?.qtyLeft ?? 0, value_left: cents(open.get(id)?.valueLeft ?? 0n) });
  const createdLayers = [...newLayers.values()].map((layer) => ({ ...layer, ...left(layer.id) }));
  const changedLayers = [...moved].filter((id) => !newLayers.has(id)).map((id) => ({ id, ...left(id) }));
  const touchedHoldings = new Set(groups.flatMap(({ valuation }) => [...valuation.touched.holdings]));
  const holdings = [...touchedHoldings].map((key) => {
    const [kind, ...rest] = key.split("|");
    const holding = state.holdings[key];
    return { sku_id: sku.id, kind: kind as HoldingKind, doc: rest.join("|"), location_id: locationId(refs, holding.location), qty: holding.qty, value: cents(holding.value) };
  });
  const touchedMatches = new Set(groups.flatMap(({ valuation }) => [...valuation.touched.matches]));
  const matches = [...touchedMatches].map((doc) => {
    const match = state.matches[doc];
    return { sku_id: sku.id, doc, location_id: locationId(refs, match.location), unit_cost: cost4(match.unitCost), booked_qty: match.booked, invoiced_qty: match.invoiced };
  });
  const pool = [{
    sku_id: sku.id, qty: state.pool.qty, value: cents(state.pool.value), unit_cost: state.pool.unitCost === null ? null : cost4(state.pool.unitCost), last_seq: lastSeq,
  }];
  return { lines, pool, createdLayers, changedLayers, moves, holdings, matches };
}

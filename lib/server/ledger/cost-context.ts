import "server-only";
import { sql, type Sql } from "@/lib/server/sql";
import { toMinor, AMOUNT_SCALE, UNIT_COST_SCALE } from "@/lib/domain/money";
import { emptyCostState, holdingKey, POOL_STATES, type CostState, type HoldingKind } from "@/lib/domain/finance/cost-state";
import { EVENT_RULES, type EventType } from "@/lib/domain/event-types";
import type { Refs, SkuRef } from "./refs";

const POOL = new Set<string>(POOL_STATES);

/**
 * Event types whose moves can change value: any move across the pool's edge or
 * between positions outside it (goods in transit, at the customer, returns),
 * and the two memos that book money. The rest move units within the pool.
 */
export const VALUED_TYPES: ReadonlySet<string> = new Set([
  "invoice.match",
  "cost.change",
  "reverse",
  ...(Object.entries(EVENT_RULES) as [EventType, { moves: readonly (readonly [string, string])[] }][])
    .filter(([, rule]) => rule.moves.some(([from, to]) => POOL.has(from) !== POOL.has(to) || (!POOL.has(from) && !(from === "SUPPLIER" && to === "ON_ORDER"))))
    .map(([type]) => type),
]);

export type CostArgs = { docs: string[]; seqs: number[] };

export type CostRow = {
  pool: [number, string, string | null] | null;
  standard: string | null;
  layers: [string, number, string, string, number, string, number, string][];
  holdings: [string, string, string, number, string][];
  pos: [string, string | null, string | null][];
  matches: [string, string, number, number, string][];
  restore: [number, string][];
};

/** The cost state's read, a column of the plan context's one statement (context.ts); null when the event values nothing. */
export function costColumn(skuId: string, args: CostArgs | undefined) {
  if (!args) return sql`NULL::json AS cost`;
  return sql`${costRead(skuId, args.docs, args.seqs)} AS cost`;
}

/**
 * The cost state of a SKU: its pool, standard cost, open layers, and the holdings,
 * PO costs and invoice matches of the named documents, with the inventory amounts
 * of the named ledger rows. Each argument is a value or a column of a read over
 * several SKUs (`loadSkuStates`).
 */
export function costRead(skuId: string | Sql, docs: string[] | Sql, seqs: number[] | Sql) {
  return sql`(SELECT json_build_object(
      'pool', (SELECT json_build_array(qty, value::text, unit_cost::text) FROM cost_pool WHERE sku_id = ${skuId}::uuid),
      'standard', (SELECT standard_cost::text FROM sku WHERE id = ${skuId}::uuid),
      'layers', (SELECT coalesce(json_agg(json_build_array(id, seq, received_at, unit_cost::text, qty_in, value_in::text, qty_left, value_left::text)), '[]')
                   FROM cost_layer WHERE sku_id = ${skuId}::uuid AND qty_left > 0),
      'holdings', (SELECT coalesce(json_agg(json_build_array(kind, doc, location_id, qty, value::text)), '[]')
                     FROM cost_holding WHERE sku_id = ${skuId}::uuid AND doc = ANY(${docs}::text[])),
      'pos', (SELECT coalesce(json_agg(json_build_array(ref, unit_cost::text, fob)), '[]')
                FROM document WHERE sku_id = ${skuId}::uuid AND kind = 'po' AND ref = ANY(${docs}::text[])),
      'matches', (SELECT coalesce(json_agg(json_build_array(doc, unit_cost::text, booked_qty, invoiced_qty, location_id)), '[]')
                    FROM invoice_match WHERE sku_id = ${skuId}::uuid AND doc = ANY(${docs}::text[])),
      'restore', (SELECT coalesce(json_agg(json_build_array(seq, amount)), '[]') FROM (
                    SELECT seq, sum(credit - debit)::text AS amount FROM journal_line
                     WHERE seq = ANY(${seqs}::bigint[]) AND account = 'inventory' GROUP BY seq) r)
    ))`;
}

export function parseCost(refs: Refs, sku: SkuRef, row: CostRow | null): { state: CostState; restore: Map<number, bigint> } | null {
  if (!row) return null;
  const cents = (value: string) => toMinor(value, AMOUNT_SCALE);
  const cost4 = (value: string) => toMinor(value, UNIT_COST_SCALE);
  const location = (id: string) => refs.locationCodeById.get(id) ?? id;
  const standard = row.standard === null ? null : cost4(row.standard);
  const state = emptyCostState(sku.costingMethod, standard);
  if (row.pool) state.pool = { qty: row.pool[0], value: cents(row.pool[1]), unitCost: row.pool[2] === null ? null : cost4(row.pool[2]) };
  if (sku.costingMethod === "standard") state.pool.unitCost = standard;
  state.layers = row.layers.map(([id, seq, receivedAt, unitCost, qtyIn, valueIn, qtyLeft, valueLeft]) => ({
    id, seq, receivedAt: new Date(receivedAt), unitCost: cost4(unitCost), qtyIn, valueIn: cents(valueIn), qtyLeft, valueLeft: cents(valueLeft),
  }));
  for (const [kind, doc, locationId, qty, value] of row.holdings) {
    state.holdings[holdingKey(kind as HoldingKind, doc)] = { qty, value: cents(value), location: location(locationId) };
  }
  for (const [ref, unitCost, fob] of row.pos) state.pos[ref] = { unitCost: unitCost === null ? 0n : cost4(unitCost), fob };
  for (const [doc, unitCost, booked, invoiced, locationId] of row.matches) {
    state.matches[doc] = { unitCost: cost4(unitCost), booked, invoiced, location: location(locationId) };
  }
  return { state, restore: new Map(row.restore.map(([seq, amount]) => [seq, cents(amount)])) };
}

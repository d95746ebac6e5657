import "server-only";
import { sql, type Sql } from "@/lib/server/sql";
import { CHANNEL_STATES, PHYSICAL_STATES } from "@/lib/domain/states";
import { dayOf, dayStart } from "@/lib/domain/periods";
import { INTERNAL_ONLY } from "@/lib/server/internal-states";
import { journalUpTo } from "../finance/as-of";
import { skuIs, type SkuScope } from "../balances";

// The independent readers the reconciliation compares. Each identity takes its
// two sides from different tables, so a wrong row in one shows as a remainder
// instead of cancelling out:
//   • balances (the `balance` projection, rolled back by the ledger rows after a
//     past moment): the ATP side, every bucket, finance's owned units;
//   • the ledger's per-day sums (`balance_day`) plus that day's events: on hand;
//   • the journal (`journal_day` + that day's `journal_line`): the value side;
//   • the costing tables (`cost_layer`/`layer_move`, `cost_pool`, `cost_holding`): layers and value held in transit.

const CHANNEL = [...CHANNEL_STATES];
const PHYSICAL = [...PHYSICAL_STATES];
const channelOf = (state: Sql) => sql`CASE WHEN ${state} = ANY(${CHANNEL}::text[]) THEN coalesce(channel_id::text, '') ELSE '' END`;

/** The SKUs' positions with their documents: the balances now, or less the ledger rows after `asOf`. */
export function balancePositions(skuIds: readonly string[], asOf: Date | null): Sql {
  const later = asOf
    ? sql`
      UNION ALL SELECT sku_id, location_id, from_state, from_doc, ${channelOf(sql`from_state`)}, qty FROM ledger_event
        WHERE from_state IS NOT NULL AND occurred_at > ${asOf}${skuIs(skuIds)}
      UNION ALL SELECT sku_id, to_location_id, to_state, to_doc, ${channelOf(sql`to_state`)}, -qty FROM ledger_event
        WHERE to_state IS NOT NULL AND occurred_at > ${asOf}${skuIs(skuIds)}`
    : sql``;
  return sql`
    SELECT m.sku_id::text, m.location_id::text, m.state, m.doc, m.channel_id, sum(m.qty)::int AS qty,
      (SELECT d.fob FROM document d WHERE d.kind = 'po' AND d.ref = m.doc AND d.sku_id = m.sku_id AND m.state = 'INBOUND_TRANSIT') AS fob
    FROM (
      SELECT sku_id, location_id, state, doc, ${channelOf(sql`state`)} AS channel_id, qty FROM balance
        WHERE qty <> 0 AND ${INTERNAL_ONLY}${skuIs(skuIds)}
      ${later}
    ) AS m(sku_id, location_id, state, doc, channel_id, qty)
    WHERE ${INTERNAL_ONLY} GROUP BY m.sku_id, m.location_id, m.state, m.doc, m.channel_id HAVING sum(m.qty) <> 0`;
}

/**
 * The newest events into each of the given positions (at most `perPosition`), for
 * the buckets' trails: read through the arrival index position by position, so the
 * read stays the same size however long the SKU's history grows.
 */
export function inflows(at: Date, positions: readonly InflowPosition[], perPosition: number): Sql {
  const keys = positions.map((p) => ({ sk: p.sku_id, pl: p.location_id, ps: p.state, pc: p.channel_id, pd: p.doc }));
  return sql`
    SELECT p.sk::text AS sku_id, i.id, i.location_id, i.state, i.channel_id, i.doc, i.qty, i.occurred_at
    FROM jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) AS p(sk uuid, pl uuid, ps text, pc text, pd text)
    CROSS JOIN LATERAL (
      SELECT e.id::text, e.to_location_id::text AS location_id, e.to_state AS state, ${channelOf(sql`e.to_state`)} AS channel_id, e.to_doc AS doc, e.qty, e.occurred_at
      FROM ledger_event e
      WHERE e.sku_id = p.sk AND e.to_location_id = p.pl AND e.to_state = p.ps AND e.to_doc = p.pd
        AND ${channelOf(sql`e.to_state`)} = p.pc AND e.occurred_at <= ${at}
      ORDER BY e.occurred_at DESC, e.seq DESC LIMIT ${perPosition}
    ) AS i`;
}

/** A position as `balancePositions` reads it: ids, not codes. */
export type InflowPosition = { sku_id: string; location_id: string; state: string; channel_id: string; doc: string };

/** On hand per (SKU, location) from `balance_day` before the moment's day and that day's events up to it. */
export function ledgerOnHand(at: Date, skuId: SkuScope): Sql {
  const day = dayOf(at);
  return sql`
    SELECT sku_id, location_id, sum(qty)::int AS qty FROM (
      SELECT sku_id, location_id, state, delta FROM balance_day WHERE day < ${day}::date${skuIs(skuId)}
      UNION ALL SELECT sku_id, location_id, from_state, -qty FROM ledger_event
        WHERE from_state IS NOT NULL AND occurred_at >= ${dayStart(day)} AND occurred_at <= ${at}${skuIs(skuId)}
      UNION ALL SELECT sku_id, to_location_id, to_state, qty FROM ledger_event
        WHERE to_state IS NOT NULL AND occurred_at >= ${dayStart(day)} AND occurred_at <= ${at}${skuIs(skuId)}
      OFFSET 0 -- the state test stays out of the scans (see ownedUnits)
    ) AS m(sku_id, location_id, state, qty)
    WHERE state = ANY(${PHYSICAL}::text[]) GROUP BY 1, 2`;
}

/**
 * Both sides of identity 3 per SKU, in cents-exact numerics. Now: the journal's
 * sums against the layers, pool and holdings as stored. As of a past moment FIFO
 * layers come from their own moves (`layer_move`); the average/standard pool and
 * the transit holdings keep no history, so they are the stored ones rolled back
 * by the journal lines after the moment — a wrong stored pool still shows, but
 * a wrong journal line after the moment would cancel out of that comparison.
 */
export function valueSides(asOf: Date | null, skuId: SkuScope): Sql {
  const poDoc = sql`EXISTS (SELECT 1 FROM document d WHERE d.kind = 'po' AND d.ref = jl.doc AND d.sku_id = jl.sku_id)`;
  const after = asOf
    ? sql`SELECT sku_id, sum(debit - credit) FILTER (WHERE account = 'inventory') AS inventory,
          sum(debit - credit) FILTER (WHERE account = 'inventory_in_transit' AND ${poDoc}) AS inbound,
          sum(debit - credit) FILTER (WHERE account = 'inventory_in_transit' AND NOT ${poDoc}) AS outbound
        FROM journal_line jl WHERE occurred_at > ${asOf}${skuIs(skuId)} GROUP BY 1`
    : sql`SELECT NULL::uuid AS sku_id, 0 AS inventory, 0 AS inbound, 0 AS outbound WHERE false`;
  const fifo = asOf
    ? sql`SELECT sku_id, sum(value) AS value FROM layer_move WHERE occurred_at <= ${asOf}${skuIs(skuId)} GROUP BY 1`
    : sql`SELECT sku_id, sum(value_left) AS value FROM cost_layer WHERE true${skuIs(skuId)} GROUP BY 1`;
  return sql`
    SELECT s.id AS sku_id,
      (coalesce(j.value, 0))::numeric(20, 2)::text AS journal,
      (CASE WHEN s.costing_method = 'fifo' THEN coalesce(l.value, 0) ELSE coalesce(p.value, 0) - coalesce(a.inventory, 0) END)::numeric(20, 2)::text AS layers,
      (coalesce(h.inbound, 0) - coalesce(a.inbound, 0))::numeric(20, 2)::text AS inbound_held,
      (coalesce(h.outbound, 0) - coalesce(a.outbound, 0))::numeric(20, 2)::text AS outbound_held
    FROM sku s
    LEFT JOIN (SELECT sku_id, sum(debit - credit) AS value FROM (${journalUpTo(asOf, skuId)}) AS jj(sku_id, location_id, account, debit, credit)
      WHERE account IN ('inventory', 'inventory_in_transit') GROUP BY 1) AS j ON j.sku_id = s.id
    LEFT JOIN (${fifo}) AS l ON l.sku_id = s.id
    LEFT JOIN cost_pool p ON p.sku_id = s.id
    LEFT JOIN (SELECT sku_id, sum(value) FILTER (WHERE kind = 'po_transit') AS inbound, sum(value) FILTER (WHERE kind = 'line_transit') AS outbound
      FROM cost_holding WHERE true${skuIs(skuId)} GROUP BY 1) AS h ON h.sku_id = s.id
    LEFT JOIN (${after}) AS a ON a.sku_id = s.id
    WHERE true${skuIs(skuId, sql`s.id`)}`;
}

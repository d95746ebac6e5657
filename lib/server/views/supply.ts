import "server-only";
import { sql, type Db } from "@/lib/server/sql";
import { dayOf } from "@/lib/domain/periods";
import { POLICY_DEFAULTS } from "@/lib/domain/policy";
import type { Incoming, IncomingState, LocationSupply } from "@/lib/domain/sales/availability";
import { COMMITTED_STATES, INCOMING_STATES, isState, type InternalState } from "@/lib/domain/states";
import type { Refs } from "@/lib/server/ledger/refs";
import { INTERNAL_ONLY } from "@/lib/server/internal-states";

// What sales reads for a set of SKUs, per location: units by state, commitments per
// channel, policy and fences, and incoming documents with their ETAs. The formulas
// live in lib/domain/sales; this only gathers their inputs, a few statements for a
// whole page of SKUs.

const INCOMING = [...INCOMING_STATES];
const COMMITTED = new Set<string>(COMMITTED_STATES);

type StateRow = { sku_id: string; location_id: string; state: string; channel_id: string; qty: number };
type PolicyRow = { sku_id: string; location_id: string; safety_stock: number; inspection_lead_days: number; fences: Record<string, number> | null };
type IncomingRow = { sku_id: string; location_id: string; state: string; doc: string; qty: number; eta: string | null };

/** A position in an incoming state as of a moment, by ids: a document's units on their way. */
export type IncomingPosition = { sku_id: string; location_id: string; state: string; doc: string; qty: number };

/** The SKUs' units by state at a past moment, read by the caller, per SKU id. */
export type SuppliesAsOf = {
  at: Date;
  rows: ReadonlyMap<string, readonly { location: string; state: string; channel: string; qty: number }[]>;
  /** Their incoming positions at `at`, when the caller's read carried documents: then only the ETAs are read. */
  incoming?: readonly IncomingPosition[];
};

/** Current units by state (or as of a moment) → supplies per SKU and location. */
export async function loadSupplies(db: Db, refs: Refs, skuIds: readonly string[], asOf?: SuppliesAsOf): Promise<Map<string, LocationSupply[]>> {
  if (!skuIds.length) return new Map();
  const [states, policies, incoming] = await Promise.all([
    asOf
      ? Promise.resolve<StateRow[]>([])
      : db.query<StateRow>(sql`
          SELECT sku_id::text, location_id::text, state, channel_id, sum(qty)::int AS qty FROM balance
           WHERE sku_id = ANY(${skuIds}::uuid[]) AND qty <> 0 AND ${INTERNAL_ONLY}
           GROUP BY 1, 2, 3, 4`),
    db.query<PolicyRow>(sql`
      SELECT p.sku_id::text, p.location_id::text, p.safety_stock, p.inspection_lead_days,
             (SELECT jsonb_object_agg(c.code, a.qty) FROM channel_allocation a JOIN channel c ON c.id = a.channel_id
               WHERE a.sku_id = p.sku_id AND a.location_id = p.location_id) AS fences
        FROM sku_policy p WHERE p.sku_id = ANY(${skuIds}::uuid[])`),
    !asOf ? incomingNow(db, skuIds) : asOf.incoming ? incomingEtas(db, asOf.incoming) : incomingAsOf(db, skuIds, asOf.at),
  ]);
  const supplies = new Map<string, Map<string, LocationSupply>>();
  const supply = (skuId: string, location: string): LocationSupply => {
    const bySku = supplies.get(skuId) ?? new Map<string, LocationSupply>();
    supplies.set(skuId, bySku);
    let entry = bySku.get(location);
    if (!entry) {
      entry = { location, states: {}, committed: {}, safetyStock: POLICY_DEFAULTS.safetyStock, inspectionLeadDays: POLICY_DEFAULTS.inspectionLeadDays, fences: {}, incoming: [] };
      bySku.set(location, entry);
    }
    return entry;
  };
  const code = (id: string) => refs.locationCodeById.get(id) ?? id;
  const channel = (id: string) => (id ? (refs.channelCodeById.get(id) ?? id) : "");
  const stateRows = asOf
    ? [...asOf.rows].flatMap(([skuId, rows]) => rows.map((row) => ({ skuId, location: row.location, state: row.state, channel: row.channel, qty: row.qty })))
    : states.map((row) => ({ skuId: row.sku_id, location: code(row.location_id), state: row.state, channel: channel(row.channel_id), qty: row.qty }));
  for (const row of stateRows) {
    if (!isState(row.state) || row.qty === 0) continue;
    const entry = supply(row.skuId, row.location);
    const state = row.state as InternalState;
    entry.states[state] = (entry.states[state] ?? 0) + row.qty;
    if (COMMITTED.has(state) && row.channel) entry.committed[row.channel] = (entry.committed[row.channel] ?? 0) + row.qty;
  }
  for (const row of policies) {
    const entry = supply(row.sku_id, code(row.location_id));
    entry.safetyStock = row.safety_stock;
    entry.inspectionLeadDays = row.inspection_lead_days;
    entry.fences = row.fences ?? {};
  }
  for (const row of incoming) {
    const item: Incoming = { ref: row.doc, state: row.state as IncomingState, qty: row.qty, eta: row.eta ? dayOf(new Date(row.eta)) : null };
    supply(row.sku_id, code(row.location_id)).incoming.push(item);
  }
  return new Map([...supplies].map(([skuId, byLocation]) => [skuId, [...byLocation.values()].sort((a, b) => a.location.localeCompare(b.location))]));
}

// A document's ETA: a transfer's, or a PO's as its latest shipment (ASN) set it for the
// units on their way. Units still on order keep the date their PO promised: the ETA
// of the PO's last confirmation (an ASN for part of a PO does not re-date the rest).
const etaOf = sql`coalesce(
  CASE WHEN m.state = 'ON_ORDER' THEN (SELECT (e.data->>'eta')::timestamptz FROM ledger_event e
    WHERE e.sku_id = m.sku_id AND e.type = 'po.confirm' AND e.to_doc = m.doc AND e.data ? 'eta' ORDER BY e.seq DESC LIMIT 1) END,
  (SELECT d.eta FROM document d
    WHERE d.sku_id = m.sku_id AND d.ref = m.doc AND d.kind = CASE WHEN m.state = 'TRANSFER_TRANSIT' THEN 'transfer' ELSE 'po' END))`;

function incomingNow(db: Db, skuIds: readonly string[]) {
  return db.query<IncomingRow>(sql`
    SELECT m.sku_id::text, m.location_id::text, m.state, m.doc, m.qty, ${etaOf} AS eta
      FROM (SELECT sku_id, location_id, state, doc, sum(qty)::int AS qty FROM balance
             WHERE sku_id = ANY(${skuIds}::uuid[]) AND state = ANY(${INCOMING}::text[]) AND qty > 0
             GROUP BY 1, 2, 3, 4) m`);
}

/** Incoming documents as they stood at a past moment (ETAs as they are now). */
function incomingAsOf(db: Db, skuIds: readonly string[], at: Date) {
  return db.query<IncomingRow>(sql`
    SELECT m.sku_id::text, m.location_id::text, m.state, m.doc, m.qty, ${etaOf} AS eta
      FROM (SELECT sku_id, location_id, state, doc, sum(qty)::int AS qty FROM (
              SELECT sku_id, to_location_id AS location_id, to_state AS state, to_doc AS doc, qty FROM ledger_event
               WHERE sku_id = ANY(${skuIds}::uuid[]) AND to_state = ANY(${INCOMING}::text[]) AND occurred_at <= ${at}
              UNION ALL
              SELECT sku_id, location_id, from_state, from_doc, -qty FROM ledger_event
               WHERE sku_id = ANY(${skuIds}::uuid[]) AND from_state = ANY(${INCOMING}::text[]) AND occurred_at <= ${at}) moves
             GROUP BY 1, 2, 3, 4 HAVING sum(qty) > 0) m`);
}

/** The ETAs of incoming positions the caller has read as of a moment (ETAs as they are now). */
function incomingEtas(db: Db, positions: readonly IncomingPosition[]) {
  const incoming = positions.filter((p) => p.qty > 0 && INCOMING.includes(p.state as InternalState));
  if (!incoming.length) return Promise.resolve<IncomingRow[]>([]);
  return db.query<IncomingRow>(sql`
    SELECT m.sku_id::text, m.location_id::text, m.state, m.doc, m.qty, ${etaOf} AS eta
      FROM jsonb_to_recordset(${JSON.stringify(incoming)}::jsonb) AS m(sku_id uuid, location_id uuid, state text, doc text, qty int)`);
}

/** The locations serving each channel (a channel with none set is served by every location). */
export async function servingLocations(db: Db, refs: Refs): Promise<Map<string, string[]>> {
  const rows = await db.query<{ channel: string; location: string }>(sql`
    SELECT c.code AS channel, l.code AS location FROM channel_location cl
      JOIN channel c ON c.id = cl.channel_id JOIN location l ON l.id = cl.location_id ORDER BY 1, 2`);
  const all = [...refs.locationIdByCode.keys()].sort();
  const byChannel = new Map<string, string[]>([...refs.channelIdByCode.keys()].map((code) => [code, all]));
  const set = new Map<string, string[]>();
  for (const row of rows) set.set(row.channel, [...(set.get(row.channel) ?? []), row.location]);
  for (const [channel, locations] of set) byChannel.set(channel, locations);
  return byChannel;
}

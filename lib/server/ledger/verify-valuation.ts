import "server-only";
import { sql, type Db } from "@/lib/server/sql";
import { AMOUNT_SCALE, fromMinor, UNIT_COST_SCALE } from "@/lib/domain/money";
import { POOL_STATES } from "@/lib/domain/finance/cost-state";
import { initialStandardCost, replayValuation, type ReplayGroup } from "@/lib/domain/finance/replay";
import { readRefs, type Refs } from "./refs";
import { legOf } from "./store";

type EventRow = Parameters<typeof legOf>[1] & {
  seq: number; group_id: string; type: string; occurred_at: Date; data: Record<string, unknown>; reference: string | null;
  reverses_group: string | null; from_state: string | null; memo_location: string | null;
};

const cents = (value: bigint) => fromMinor(value, AMOUNT_SCALE);
const cost4 = (value: bigint) => fromMinor(value, UNIT_COST_SCALE);

/**
 * Rebuilds every SKU's valuation from the ledger alone and compares it with what
 * posting stored: the pool, the open layers, the holdings, the invoice matches
 * and every journal line; and checks the identities that must hold between
 * them. An empty list means the stored valuation is exactly the ledger's.
 */
export async function verifyValuation(tx: Db): Promise<string[]> {
  const refs = await readRefs(tx);
  const skus = await tx.query<{ id: string; code: string; method: "fifo" | "average" | "standard"; standard: string | null }>(sql`
    SELECT id::text, code, costing_method::text AS method, standard_cost::text AS standard FROM sku ORDER BY code`);
  const problems: string[] = [];
  for (const sku of skus) problems.push(...(await verifySku(tx, refs, sku)).map((problem) => `${sku.code}: ${problem}`));
  return problems;
}

async function verifySku(tx: Db, refs: Refs, sku: { id: string; method: "fifo" | "average" | "standard"; standard: string | null }): Promise<string[]> {
  const [events, stored] = await Promise.all([
    tx.query<EventRow>(sql`
      SELECT seq, group_id::text, type, occurred_at, data, reference, reverses_group::text, location_id::text, to_location_id::text,
             from_state, to_state, from_bin, to_bin, from_doc, to_doc, channel_id::text, qty, l.code AS memo_location
        FROM ledger_event e LEFT JOIN location l ON l.id = e.location_id
       WHERE sku_id = ${sku.id}::uuid ORDER BY seq`),
    storedValuation(tx, sku.id),
  ]);
  const groups: ReplayGroup[] = [];
  for (const row of events) {
    let group = groups.at(-1);
    if (group?.group !== row.group_id) {
      group = { group: row.group_id, type: row.type, seqs: [], legs: [], occurredAt: row.occurred_at, data: row.data, reference: row.reference,
        location: row.memo_location, reversesGroup: row.reverses_group };
      groups.push(group);
    }
    group.seqs.push(row.seq);
    if (row.from_state) group.legs.push(legOf(refs, row));
  }
  const replay = replayValuation(sku.method, initialStandardCost(groups, sku.standard), groups);
  const problems: string[] = [];
  const expect = (what: string, actual: unknown, expected: unknown) => {
    const [a, e] = [JSON.stringify(actual), JSON.stringify(expected)];
    if (a !== e) problems.push(`${what}: stored ${a}, rebuilt ${e}`);
  };
  const { state } = replay;
  expect("pool", stored.pool ?? [0, "0.00"], [state.pool.qty, cents(state.pool.value)]);
  expect("layers", stored.layers, [...state.layers].sort((a, b) => a.seq - b.seq)
    .map((layer) => [layer.seq, layer.receivedAt.toISOString(), cost4(layer.unitCost), layer.qtyLeft, cents(layer.valueLeft)]));
  expect("holdings", sorted(stored.holdings), sorted(Object.entries(state.holdings).filter(([, h]) => h.qty || h.value)
    .map(([key, h]) => [key, h.qty, cents(h.value)])));
  expect("matches", sorted(stored.matches), sorted(Object.entries(state.matches).map(([doc, m]) => [doc, cost4(m.unitCost), m.booked, m.invoiced])));
  const code = (id: string) => refs.locationCodeById.get(id) ?? id;
  expect("journal", sorted(stored.lines.map(([seq, account, amount, location, doc]) => [seq, account, amount, code(location), doc])),
    sorted(replay.lines.map((line) => [line.seq, line.account, cents(line.amount), line.location, line.doc])));
  // The identities between the stores: each holds to the cent.
  expect("unbalanced groups", stored.unbalanced, []);
  expect("inventory account = pool value", stored.accounts.inventory ?? "0.00", stored.pool?.[1] ?? "0.00");
  expect("inventory in transit = goods held in transit", stored.accounts.inventory_in_transit ?? "0.00", stored.inTransit);
  expect("pool units = units in pool states", stored.pool?.[0] ?? 0, stored.poolStateUnits);
  expect("journal_day = journal lines", stored.daily, stored.dailyFromLines);
  return problems;
}

async function storedValuation(tx: Db, skuId: string) {
  const [[row]] = await Promise.all([tx.query<{
    pool: [number, string] | null; layers: [number, string, string, number, string][]; holdings: [string, number, string][];
    matches: [string, string, number, number][]; lines: [number, string, string, string, string][]; unbalanced: string[];
    accounts: Record<string, string> | null; in_transit: string; pool_units: number; daily: [string, string, string, string][]; daily_lines: [string, string, string, string][];
  }>(sql`
    SELECT
      (SELECT json_build_array(qty, value::text) FROM cost_pool WHERE sku_id = ${skuId}::uuid) AS pool,
      (SELECT coalesce(json_agg(json_build_array(seq, to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), unit_cost::text, qty_left, value_left::text) ORDER BY seq), '[]')
         FROM cost_layer WHERE sku_id = ${skuId}::uuid AND qty_left > 0) AS layers,
      (SELECT coalesce(json_agg(json_build_array(kind || '|' || doc, qty, value::text) ORDER BY kind || '|' || doc COLLATE "C"), '[]')
         FROM cost_holding WHERE sku_id = ${skuId}::uuid AND (qty <> 0 OR value <> 0)) AS holdings,
      (SELECT coalesce(json_agg(json_build_array(doc, unit_cost::text, booked_qty, invoiced_qty) ORDER BY doc COLLATE "C"), '[]')
         FROM invoice_match WHERE sku_id = ${skuId}::uuid) AS matches,
      (SELECT coalesce(json_agg(json_build_array(seq, account, (debit - credit)::text, location_id, doc) ORDER BY seq, account COLLATE "C", (debit - credit)::text COLLATE "C"), '[]')
         FROM journal_line WHERE sku_id = ${skuId}::uuid) AS lines,
      (SELECT coalesce(json_agg(group_id), '[]') FROM (SELECT group_id FROM journal_line WHERE sku_id = ${skuId}::uuid
         GROUP BY group_id HAVING sum(debit) <> sum(credit)) g) AS unbalanced,
      (SELECT json_object_agg(account, balance) FROM (SELECT account, sum(debit - credit)::text AS balance FROM journal_line
         WHERE sku_id = ${skuId}::uuid GROUP BY account) a) AS accounts,
      (SELECT coalesce(sum(value), 0)::numeric(20, 2)::text FROM cost_holding WHERE sku_id = ${skuId}::uuid AND kind IN ('po_transit', 'line_transit')) AS in_transit,
      (SELECT coalesce(sum(qty), 0)::int FROM balance WHERE sku_id = ${skuId}::uuid AND state = ANY(${[...POOL_STATES]}::text[])) AS pool_units,
      (SELECT coalesce(json_agg(json_build_array(day::text, account, location_id, (debit - credit)::text) ORDER BY day, account, location_id), '[]')
         FROM journal_day WHERE sku_id = ${skuId}::uuid AND (debit <> 0 OR credit <> 0)) AS daily,
      (SELECT coalesce(json_agg(json_build_array(day, account, location_id, amount) ORDER BY day, account, location_id), '[]') FROM (
         SELECT (occurred_at AT TIME ZONE 'UTC')::date::text AS day, account, location_id, sum(debit - credit)::text AS amount
           FROM journal_line WHERE sku_id = ${skuId}::uuid GROUP BY 1, 2, 3) d) AS daily_lines`)]);
  return {
    pool: row.pool,
    layers: row.layers,
    holdings: row.holdings,
    matches: row.matches,
    lines: row.lines,
    unbalanced: row.unbalanced,
    accounts: row.accounts ?? {},
    inTransit: row.in_transit,
    poolStateUnits: row.pool_units,
    daily: row.daily,
    dailyFromLines: row.daily_lines,
  };
}

/** Rows in one order whatever produced them: by their JSON text. */
function sorted(rows: unknown[][]): unknown[][] {
  return rows.map((row) => [JSON.stringify(row), row] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}

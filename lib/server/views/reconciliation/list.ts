import "server-only";
import { sql, db as pooled, type Db } from "@/lib/server/sql";
import { PHYSICAL_STATES } from "@/lib/domain/states";
import { ownedUnits, pastOrNow } from "../finance/as-of";
import { memoShared } from "../memo";
import { skuCodesMatching } from "../search";
import { ledgerOnHand, valueSides } from "./sources";

export const RECONCILIATION_PAGE_SIZE = 25;

export type ReconciliationListRow = {
  sku: string;
  name: string;
  method: string;
  onHand: number;
  owned: number;
  journal: string;
  layers: string;
  /** Remainders: on hand vs ATP (units), owned vs on hand (units), journal vs layers (money). */
  unexplained: { atp: number; owned: number; value: string };
};

export type ReconciliationList = { rows: ReconciliationListRow[]; total: number; failing: number; page: number; pageCount: number; asOf: string };

const PHYSICAL = [...PHYSICAL_STATES];

type ListRecord = ReconciliationListRow & { failing: boolean; sku_rank: number };

/** Every SKU's row at a moment, with its place in the database's order of codes. */
function allRows(asOf: Date | null, at: Date, db: Db): Promise<ListRecord[]> {
  return db.query<ListRecord>(sql`
    WITH ledger AS (
      SELECT sku_id, sum(qty)::int AS on_hand FROM (${ledgerOnHand(at, null)}) AS o GROUP BY 1
    ), owned AS (
      SELECT sku_id, sum(qty)::int AS owned, (sum(qty) FILTER (WHERE state = ANY(${PHYSICAL}::text[])))::int AS on_hand,
        (sum(qty) FILTER (WHERE state IN ('INBOUND_TRANSIT', 'TRANSFER_TRANSIT', 'OUTBOUND_TRANSIT')))::int AS transit
      FROM (${ownedUnits(asOf)}) AS m(sku_id, location_id, state, qty) GROUP BY 1
    ), money AS (${valueSides(asOf, null)}
    ), rows AS (
      SELECT s.code AS sku, s.name, s.costing_method::text AS method,
        coalesce(l.on_hand, 0) AS "onHand", coalesce(o.owned, 0) AS owned, v.journal, v.layers,
        coalesce(l.on_hand, 0) - coalesce(o.on_hand, 0) AS atp_gap,
        coalesce(o.owned, 0) - coalesce(l.on_hand, 0) - coalesce(o.transit, 0) AS owned_gap,
        (v.journal::numeric - v.layers::numeric - v.inbound_held::numeric - v.outbound_held::numeric)::numeric(20, 2) AS value_gap
      FROM sku s LEFT JOIN ledger l ON l.sku_id = s.id LEFT JOIN owned o ON o.sku_id = s.id JOIN money v ON v.sku_id = s.id
    )
    SELECT sku, name, method, "onHand", owned, journal, layers,
      json_build_object('atp', atp_gap, 'owned', owned_gap, 'value', value_gap::text) AS unexplained,
      (atp_gap <> 0 OR owned_gap <> 0 OR value_gap <> 0) AS failing, dense_rank() OVER (ORDER BY sku)::int AS sku_rank
    FROM rows`);
}

/**
 * Every SKU's three identities as sums, searched, sorted (any remainder first)
 * and paged. Identity 1 here is on hand read from the ledger's day sums
 * against on hand read from the balances: ATP and its buckets are formulas over
 * those same balances that add back to their on hand (the SKU page computes it
 * through the ATP function itself, per location and channel). The whole list at
 * a moment is one statement, kept while nothing is written (memo.ts); a page or
 * a search is then a pass over it.
 */
export async function reconciliationList(opts: { q?: string; page?: number; asOf?: Date } = {}, db: Db = pooled): Promise<ReconciliationList> {
  const asOf = pastOrNow(opts.asOf);
  const at = asOf ?? new Date();
  const page = Math.max(1, Math.floor(opts.page ?? 1) || 1);
  const [all, skus] = await Promise.all([
    memoShared(db, ["reconciliation", asOf?.toISOString() ?? null], () => allRows(asOf, at, db)),
    skuCodesMatching(db, (opts.q ?? "").trim()),
  ]);
  const matching = all.filter((row) => !skus || skus.has(row.sku));
  matching.sort((a, b) => Number(b.failing) - Number(a.failing) || a.sku_rank - b.sku_rank);
  const rows = matching
    .slice((page - 1) * RECONCILIATION_PAGE_SIZE, page * RECONCILIATION_PAGE_SIZE)
    .map(({ sku, name, method, onHand, owned, journal, layers, unexplained }) => ({ sku, name, method, onHand, owned, journal, layers, unexplained }));
  return {
    rows,
    total: matching.length,
    failing: matching.filter((row) => row.failing).length,
    page,
    pageCount: Math.max(1, Math.ceil(matching.length / RECONCILIATION_PAGE_SIZE)),
    asOf: at.toISOString(),
  };
}

import "server-only";
import { sql, type Db } from "@/lib/server/sql";
import { PHYSICAL_STATES } from "@/lib/domain/states";
import { ownedUnits } from "../finance/as-of";
import { reconciliationList } from "../reconciliation/list";
import { comparedCte, type LastClose } from "./last-close";
import type { CloseStatus } from "./types";

type Row = {
  stored_owned: number; stored_value: string; owned: number; value: string; differing: number;
  on_hand: number; journal_value: string | null;
};

/**
 * Do the views close on the same timeline? For the last closed month: what its
 * close stored (valuation per SKU and location, trial balance) beside the
 * valuation recomputed as of its last instant, the warehouse's on hand then, and
 * the stored journal's inventory accounts, and the three identities of the
 * reconciliation at that instant. Reconciled when every row matches, the stored
 * journal equals the stored valuation and no identity leaves a remainder.
 */
export async function closeStatus(db: Db, close: LastClose): Promise<CloseStatus> {
  const [[row], identities] = await Promise.all([db.query<Row>(sql`
    WITH ${comparedCte(close)}
    SELECT coalesce(sum(stored_owned), 0)::int AS stored_owned, coalesce(sum(stored_value), 0)::numeric(20, 2)::text AS stored_value,
      coalesce(sum(owned), 0)::int AS owned, coalesce(sum(value), 0)::numeric(20, 2)::text AS value,
      count(*) FILTER (WHERE differs)::int AS differing,
      (SELECT coalesce(sum(qty), 0)::int FROM (${ownedUnits(close.lastInstant)}) AS m(sku_id, location_id, state, qty)
        WHERE state = ANY(${[...PHYSICAL_STATES]}::text[])) AS on_hand,
      (SELECT sum(debit - credit)::numeric(20, 2)::text FROM period_trial_balance
        WHERE period = ${close.period} AND account IN ('inventory', 'inventory_in_transit')) AS journal_value
    FROM compared`), reconciliationList({ asOf: close.lastInstant }, db)]);
  const journalValue = row.journal_value ?? "0.00";
  return {
    period: close.period,
    closedAt: close.closedAt.toISOString(),
    closedBy: close.closedBy,
    asOf: close.lastInstant.toISOString(),
    stored: { owned: row.stored_owned, value: row.stored_value },
    recomputed: { owned: row.owned, value: row.value, onHand: row.on_hand },
    journalValue,
    differingRows: row.differing,
    identities: { total: identities.total, failing: identities.failing },
    reconciled: row.differing === 0 && journalValue === row.stored_value && identities.failing === 0,
  };
}

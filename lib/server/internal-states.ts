import "server-only";
import { sql } from "@/lib/server/sql";
import { EXTERNAL_STATES } from "@/lib/domain/states";

/**
 * `state` is an internal one, written as literals: a prepared statement's generic
 * plan can then use the partial index on internal positions
 * (balance_internal_nonzero_idx), which a parameter (`<> ALL($1)`) would rule out.
 * The ledger's own read, the SQL function ledger_positions (migration
 * 20261127180000_ledger_positions), holds the same list; tests/db/positions.test.ts
 * checks it against EXTERNAL_STATES as the check below does this one.
 */
export const INTERNAL_ONLY = sql`state NOT IN ('SUPPLIER', 'CUSTOMER', 'SCRAP', 'COUNT_ADJUSTMENT')`;
if ([...EXTERNAL_STATES].sort().join() !== "COUNT_ADJUSTMENT,CUSTOMER,SCRAP,SUPPLIER") {
  throw new Error("internal-states.ts: INTERNAL_ONLY must name exactly the external states");
}

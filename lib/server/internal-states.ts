import "server-only";
import { sql } from "@/lib/server/sql";
import { EXTERNAL_STATES } from "@/lib/domain/states";

/**
 * `state` is an internal one, written as literals: a prepared statement's generic
 * plan can then use the partial index on internal positions
 * (balance_internal_nonzero_idx), which a parameter (`<> ALL($1)`) would rule out.
 */
export const INTERNAL_ONLY = sql`state NOT IN ('SUPPLIER', 'CUSTOMER', 'SCRAP', 'COUNT_ADJUSTMENT')`;
if ([...EXTERNAL_STATES].sort().join() !== "COUNT_ADJUSTMENT,CUSTOMER,SCRAP,SUPPLIER") {
  throw new Error("internal-states.ts: INTERNAL_ONLY must name exactly the external states");
}

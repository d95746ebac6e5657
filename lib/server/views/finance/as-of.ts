import "server-only";
import { POOL_STATES } from "@/lib/domain/finance/cost-state";
import { sql, type Sql } from "@/lib/server/sql";
import { dayOf, dayStart } from "@/lib/domain/periods";
import { currentMoves, movesAsOf, skuIs, strategyFor, type MoveColumns, type SkuScope } from "../balances";

// Finance reads owned units and journal sums for every SKU at once (the valuation
// list, a period close), as of any moment. balances.ts answers one SKU by position
// (bin, channel); this reads the same moves (movesAsOf: forward or backward, as
// strategyFor decides) by (SKU, location, state) instead.

/** States whose units are in the SKU's cost pool (inventory account). */
export { POOL_STATES };
/** Owned besides the pool, whatever the document: outbound under FOB destination, returns awaiting inspection. */
const OWNED_STATES = [...POOL_STATES, "OUTBOUND_TRANSIT", "RETURN_QC"];

/** A moment in the past, or null for now (a future asOf reads as now, as in balances.ts). */
export function pastOrNow(asOf: Date | undefined | null): Date | null {
  return asOf && asOf.getTime() < Date.now() ? asOf : null;
}

/** By SKU, location and state. */
const BY_STATE: MoveColumns = {
  balance: sql`sku_id, location_id, state`,
  day: sql`sku_id, location_id, state`,
  from: sql`sku_id, location_id, from_state`,
  to: sql`sku_id, to_location_id, to_state`,
};

/**
 * Owned units as (sku_id, location_id, state, qty) rows to be summed: the owned
 * states plus INBOUND_TRANSIT of POs shipped FOB shipping point. balance_day keeps
 * no document, so the inbound part is read from the balances by PO and the PO's own
 * ledger rows.
 */
export function ownedUnits(asOf: Date | null, skuId: SkuScope = null): Sql {
  // A PO's units in transit, by its ledger rows into and out of INBOUND_TRANSIT: added up
  // (those dated up to the moment) or taken back (those dated after it).
  const transitRows = (when: Sql, sign: "add" | "takeBack") => {
    const [into, outOf] = sign === "add" ? [sql`e.qty`, sql`-e.qty`] : [sql`-e.qty`, sql`e.qty`];
    return sql`
      SELECT e.sku_id, e.to_location_id, 'INBOUND_TRANSIT', ${into} FROM ledger_event e
        JOIN document d ON d.kind = 'po' AND d.fob = 'shipping_point' AND d.sku_id = e.sku_id AND d.ref = e.to_doc
        WHERE e.to_state = 'INBOUND_TRANSIT' AND ${when}${skuIs(skuId, sql`e.sku_id`)}
      UNION ALL SELECT e.sku_id, e.location_id, 'INBOUND_TRANSIT', ${outOf} FROM ledger_event e
        JOIN document d ON d.kind = 'po' AND d.fob = 'shipping_point' AND d.sku_id = e.sku_id AND d.ref = e.from_doc
        WHERE e.from_state = 'INBOUND_TRANSIT' AND ${when}${skuIs(skuId, sql`e.sku_id`)}`;
  };
  const inTransitNow = sql`
      SELECT b.sku_id, b.location_id, 'INBOUND_TRANSIT', b.qty FROM balance b
        JOIN document d ON d.kind = 'po' AND d.fob = 'shipping_point' AND d.sku_id = b.sku_id AND d.ref = b.doc
        WHERE b.state = 'INBOUND_TRANSIT' AND b.qty <> 0${skuIs(skuId, sql`b.sku_id`)}`;
  // As the other states: forward from the first row for a moment long ago, back from the
  // balances for a recent one (every shipment in the ledger's history against those since).
  const strategy = asOf ? strategyFor(asOf) : null;
  const inbound = !asOf
    ? inTransitNow
    : strategy === "forward"
      ? transitRows(sql`e.occurred_at <= ${asOf}`, "add")
      : sql`${inTransitNow} UNION ALL ${transitRows(sql`e.occurred_at > ${asOf}`, "takeBack")}`;
  const moves = asOf && strategy ? movesAsOf(asOf, strategy, BY_STATE, skuId) : currentMoves(BY_STATE, skuId);
  // OFFSET 0 keeps the state test out of the scans below: pushed into balance_day's
  // key as an array it makes PostgreSQL cost the one SKU's key range as a whole
  // table and read it all, where reading the SKU's rows and testing each is cheap.
  return sql`
    SELECT sku_id, location_id, state, qty FROM (${moves} OFFSET 0) AS m(sku_id, location_id, state, qty) WHERE state = ANY(${OWNED_STATES}::text[])
    UNION ALL ${inbound}`;
}

/**
 * Journal amounts as (sku_id, location_id, account, debit, credit) rows to be
 * summed: the per-day sums before the moment's day, that day's lines up to it.
 */
export function journalUpTo(asOf: Date | null, skuId: SkuScope = null): Sql {
  if (!asOf) return sql`SELECT sku_id, location_id, account, debit, credit FROM journal_day WHERE true${skuIs(skuId)}`;
  const day = dayOf(asOf);
  return sql`
    SELECT sku_id, location_id, account, debit, credit FROM journal_day WHERE day < ${day}::date${skuIs(skuId)}
    UNION ALL SELECT sku_id, location_id, account, debit, credit FROM journal_line
      WHERE occurred_at >= ${dayStart(day)} AND occurred_at <= ${asOf}${skuIs(skuId)}`;
}

import "server-only";
import { sql, db as pooled, type Db } from "@/lib/server/sql";
import { dayOf } from "@/lib/domain/periods";
import { DomainError } from "@/lib/domain/errors";
import { POOL_STATES } from "./as-of";
import type { ValueHistoryPoint } from "./types";

const OWNED_STATES = [...POOL_STATES, "OUTBOUND_TRANSIT", "RETURN_QC"];
const DAY_MS = 86_400_000;

/**
 * The SKU's value (inventory + inventory in transit) and owned units at the end
 * of each of the last `days` UTC days, from the per-day sums (journal_day,
 * balance_day): running totals, not a replay of the events.
 */
export async function valueHistory(skuCode: string, opts: { days?: number } = {}, db: Db = pooled): Promise<ValueHistoryPoint[]> {
  const days = Math.min(730, Math.max(1, Math.floor(opts.days ?? 90)));
  const last = dayOf(new Date());
  const first = dayOf(new Date(Date.now() - (days - 1) * DAY_MS));
  const [sku] = await db.query<{ id: string }>(sql`SELECT id::text FROM sku WHERE code = ${skuCode}`);
  if (!sku) throw new DomainError("unknown_sku", `There is no SKU '${skuCode}'.`, { sku: ["unknown SKU"] });
  // Inbound goods are owned in transit only under FOB shipping point: balance_day
  // keeps no document, so their daily movement comes from the PO's ledger rows,
  // into transit and out of it read apart, each through its own index. The states
  // are filtered after the SKU's days are read (OFFSET 0): as a condition of the
  // index scan, PostgreSQL 18 costs the list as many separate index searches and
  // scans the whole of balance_day in parallel instead.
  return db.query<ValueHistoryPoint>(sql`
    WITH money AS (
      SELECT greatest(day, ${first}::date) AS day, sum(debit - credit) AS delta FROM journal_day
      WHERE sku_id = ${sku.id}::uuid AND account IN ('inventory', 'inventory_in_transit') AND day <= ${last}::date GROUP BY 1
    ), units AS (
      SELECT greatest(day, ${first}::date) AS day, sum(delta) AS delta FROM (
        SELECT day, delta FROM (SELECT day, state, delta FROM balance_day WHERE sku_id = ${sku.id}::uuid AND day <= ${last}::date OFFSET 0) AS b
          WHERE state = ANY(${OWNED_STATES}::text[])
        UNION ALL
        SELECT (e.occurred_at AT TIME ZONE 'UTC')::date, e.qty FROM ledger_event e
          JOIN document d ON d.kind = 'po' AND d.fob = 'shipping_point' AND d.sku_id = e.sku_id AND d.ref = e.to_doc
          WHERE e.sku_id = ${sku.id}::uuid AND e.to_state = 'INBOUND_TRANSIT'
        UNION ALL
        SELECT (e.occurred_at AT TIME ZONE 'UTC')::date, -e.qty FROM ledger_event e
          JOIN document d ON d.kind = 'po' AND d.fob = 'shipping_point' AND d.sku_id = e.sku_id AND d.ref = e.from_doc
          WHERE e.sku_id = ${sku.id}::uuid AND e.from_state = 'INBOUND_TRANSIT'
      ) AS moves GROUP BY 1
    ), series AS (
      SELECT d::date AS day FROM generate_series(${first}::date, ${last}::date, interval '1 day') AS d
    )
    SELECT to_char(s.day, 'YYYY-MM-DD') AS day,
      (sum(coalesce(m.delta, 0)) OVER w)::numeric(20, 2)::text AS value,
      (sum(coalesce(u.delta, 0)) OVER w)::int AS owned
    FROM series s LEFT JOIN money m ON m.day = s.day LEFT JOIN units u ON u.day = s.day
    WINDOW w AS (ORDER BY s.day)
    ORDER BY s.day`);
}

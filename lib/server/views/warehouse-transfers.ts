import "server-only";
import { sql, db as pooled, type Db } from "@/lib/server/sql";
import { sortInFlight, type InFlight } from "@/lib/domain/warehouse/transfers";

export type InFlightTransfer = InFlight & {
  name: string;
  /** Where the target puts them by its policy: through inspection when it has an inspection lead time. */
  receiveInto: "RECEIVING" | "AVAILABLE";
};

type Row = { ref: string; sku: string; name: string; from: string; to: string; qty: number; eta: Date | null; shipped_at: Date; lead: number };

/**
 * Every transfer with units still in TRANSFER_TRANSIT: overdue first, then the
 * oldest. A scan narrows them to a SKU, a transfer or a location at either end.
 */
export async function transfersInFlight(db: Db = pooled, now = new Date(), filter: { scan?: string } = {}): Promise<InFlightTransfer[]> {
  const scan = filter.scan ? sql` AND (s.code = ${filter.scan} OR d.ref = ${filter.scan} OR d.party = ${filter.scan} OR l.code = ${filter.scan})` : sql``;
  const rows = await db.query<Row>(sql`
    SELECT d.ref, s.code AS sku, s.name, d.party AS from, l.code AS to, sum(b.qty)::int AS qty, d.eta,
      ship.at AS shipped_at, coalesce(max(p.inspection_lead_days), 0)::int AS lead
    FROM balance b
    JOIN document d ON d.kind = 'transfer' AND d.ref = b.doc AND d.sku_id = b.sku_id
    JOIN sku s ON s.id = b.sku_id JOIN location l ON l.id = b.location_id
    LEFT JOIN sku_policy p ON p.sku_id = b.sku_id AND p.location_id = b.location_id
    LEFT JOIN LATERAL (
      SELECT min(e.occurred_at) AS at FROM ledger_event e
      WHERE e.sku_id = b.sku_id AND e.to_doc = d.ref AND e.to_state = 'TRANSFER_TRANSIT'
    ) ship ON true
    WHERE b.state = 'TRANSFER_TRANSIT' AND b.qty > 0${scan}
    GROUP BY d.ref, s.code, s.name, d.party, l.code, d.eta, ship.at`);
  return sortInFlight(
    rows.map((row) => ({
      ref: row.ref,
      sku: row.sku,
      name: row.name,
      from: row.from,
      to: row.to,
      qty: row.qty,
      eta: row.eta?.toISOString() ?? null,
      shippedAt: row.shipped_at.toISOString(),
      receiveInto: row.lead > 0 ? "RECEIVING" : "AVAILABLE",
    })),
    now,
  );
}

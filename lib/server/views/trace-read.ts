import "server-only";
import { sql, type Db } from "@/lib/server/sql";
import { AMOUNT_SCALE, toMinor } from "@/lib/domain/money";
import { isAccount } from "@/lib/domain/finance/cost-state";
import { totalsOf } from "@/lib/domain/trace/effects";
import type { PositionQty, TraceLine, ViewTotals } from "@/lib/domain/trace/types";
import { INTERNAL_ONLY } from "@/lib/server/internal-states";

// The reads behind a trace page, each one statement for the whole page.

export type EventRecord = {
  seq: number; group_id: string; type: string; qty: number;
  from_state: string | null; from_bin: string; from_doc: string; from_location: string | null;
  to_state: string | null; to_bin: string; to_doc: string; to_location: string | null;
  channel: string | null; occurred_at: Date; recorded_at: Date; actor: string;
  reference: string | null; reason: string | null; data: Record<string, unknown>;
  reverses_group: string | null; reverses_seq: number | null; reversed_by: string | null; reversed_by_seq: number | null;
  approval_id: string | null; approval_status: string | null; requested_by: string | null; requested_at: Date | null;
  decided_by: string | null; decided_at: Date | null;
};

/** Every row of the groups shown, with who posted it, its approval and its reversal links. */
export function readEvents(db: Db, groups: string[]): Promise<EventRecord[]> {
  return db.query<EventRecord>(sql`
    SELECT e.seq, e.group_id::text, e.type, e.qty, e.from_state, e.from_bin, e.from_doc, fl.code AS from_location,
      e.to_state, e.to_bin, e.to_doc, tl.code AS to_location, c.code AS channel, e.occurred_at, e.recorded_at, u.name AS actor,
      e.reference, e.reason, e.data, e.reverses_group::text,
      (SELECT min(x.seq) FROM ledger_event x WHERE x.group_id = e.reverses_group) AS reverses_seq,
      r.reversed_by::text, (SELECT min(x.seq) FROM ledger_event x WHERE x.group_id = r.reversed_by) AS reversed_by_seq,
      a.id::text AS approval_id, a.status::text AS approval_status, ru.name AS requested_by, a.requested_at,
      du.name AS decided_by, a.decided_at
    FROM ledger_event e
    JOIN app_user u ON u.id = e.actor_id
    LEFT JOIN location fl ON fl.id = e.location_id
    LEFT JOIN location tl ON tl.id = e.to_location_id
    LEFT JOIN channel c ON c.id = e.channel_id
    LEFT JOIN reversal r ON r.group_id = e.group_id
    LEFT JOIN approval_request a ON a.id = e.approval_id
    LEFT JOIN app_user ru ON ru.id = a.requested_by
    LEFT JOIN app_user du ON du.id = a.decided_by
    WHERE e.group_id = ANY(${groups}::uuid[]) ORDER BY e.seq`);
}

/** The journal lines on those rows, in the order they were written. */
export async function readLines(db: Db, seqs: number[]): Promise<TraceLine[]> {
  const rows = await db.query<{ seq: number; account: string; debit: string; credit: string; doc: string }>(sql`
    SELECT seq, account, debit::text, credit::text, doc FROM journal_line WHERE seq = ANY(${seqs}::bigint[]) ORDER BY id`);
  return rows.flatMap((row) =>
    isAccount(row.account)
      ? [{ seq: Number(row.seq), account: row.account, debit: toMinor(row.debit, AMOUNT_SCALE), credit: toMinor(row.credit, AMOUNT_SCALE), doc: row.doc }]
      : [],
  );
}

/** The SKU's POs shipped FOB shipping point: their units in transit are already ours. */
export async function readFobShippingPoint(db: Db, skuId: string): Promise<Set<string>> {
  const rows = await db.query<{ ref: string }>(sql`
    SELECT ref FROM document WHERE kind = 'po' AND fob = 'shipping_point' AND sku_id = ${skuId}::uuid`);
  return new Set(rows.map((row) => row.ref));
}

/**
 * The views' totals just before each of the given seqs, in posting order: units
 * per internal state (INBOUND_TRANSIT per PO, for its FOB term) and the inventory
 * accounts, summed over every earlier row of the SKU.
 */
export async function readTotalsBefore(db: Db, skuId: string, ats: number[], fob: ReadonlySet<string>): Promise<Map<number, ViewTotals>> {
  if (!ats.length) return new Map();
  const [units, values] = await Promise.all([
    db.query<{ at: number; state: string; doc: string; qty: number }>(sql`
      SELECT s.at, x.state, x.doc, sum(x.qty)::int AS qty
      FROM unnest(${ats}::bigint[]) AS s(at) CROSS JOIN LATERAL (
        SELECT to_state AS state, CASE WHEN to_state = 'INBOUND_TRANSIT' THEN to_doc ELSE '' END AS doc, qty FROM ledger_event
          WHERE sku_id = ${skuId}::uuid AND to_state IS NOT NULL AND seq < s.at
        UNION ALL SELECT from_state, CASE WHEN from_state = 'INBOUND_TRANSIT' THEN from_doc ELSE '' END, -qty FROM ledger_event
          WHERE sku_id = ${skuId}::uuid AND from_state IS NOT NULL AND seq < s.at
      ) AS x WHERE ${INTERNAL_ONLY} GROUP BY 1, 2, 3 HAVING sum(x.qty) <> 0`),
    db.query<{ at: number; value: string }>(sql`
      SELECT s.at, coalesce(sum(j.debit - j.credit), 0)::numeric(20, 2)::text AS value
      FROM unnest(${ats}::bigint[]) AS s(at)
      LEFT JOIN journal_line j ON j.sku_id = ${skuId}::uuid AND j.seq < s.at AND j.account IN ('inventory', 'inventory_in_transit')
      GROUP BY s.at`),
  ]);
  const positions = new Map<number, PositionQty[]>(ats.map((at) => [at, []]));
  for (const row of units) positions.get(Number(row.at))?.push({ state: row.state, doc: row.doc, qty: row.qty });
  const value = new Map(values.map((row) => [Number(row.at), toMinor(row.value, AMOUNT_SCALE)]));
  return new Map(ats.map((at) => [at, { ...totalsOf(positions.get(at) ?? [], fob), value: value.get(at) ?? 0n }]));
}

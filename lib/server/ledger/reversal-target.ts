import "server-only";
import { fresh, sql, type Db } from "@/lib/server/sql";
import { DomainError } from "@/lib/domain/errors";
import type { ReversalTarget } from "@/lib/domain/plan";
import { legOf } from "./store";
import { readRefs, type Refs } from "./refs";

type GroupRow = Omit<Parameters<typeof legOf>[1], "location_id" | "to_location_id" | "from_state" | "to_state"> & {
  seq: number; type: string; group_id: string; sku: string | null; occurred_at: Date; reference: string | null;
  location_id: string | null; to_location_id: string | null; from_state: string | null; to_state: string | null;
};

/**
 * The event group a reversal names (by any row's seq or by the group id), as
 * posted. The ledger is append-only, so this read needs no lock; whether the
 * group was reversed already is read again under the SKU's lock.
 */
export async function loadReversalTarget(
  tx: Db,
  refs: Refs,
  reverses: number | string,
): Promise<{ sku: string; refs: Refs; target: Omit<ReversalTarget, "reversed" | "poolOut"> }> {
  const group = typeof reverses === "number" ? sql`(SELECT group_id FROM ledger_event WHERE seq = ${reverses})` : sql`${reverses}::uuid`;
  const rows = await tx.query<GroupRow>(fresh(sql`
    SELECT e.seq, e.type, e.group_id::text, s.code AS sku, e.occurred_at, e.reference, e.location_id::text, e.to_location_id::text,
           e.from_state, e.to_state, e.from_bin, e.to_bin, e.from_doc, e.to_doc, e.channel_id::text, e.qty
      FROM ledger_event e LEFT JOIN sku s ON s.id = e.sku_id
     WHERE e.group_id = ${group} ORDER BY e.seq`));
  const first = rows[0];
  if (!first) throw new DomainError("not_found", `There is no event ${typeof reverses === "number" ? `#${reverses}` : `group ${reverses}`}.`);
  if (!first.sku) throw new DomainError("illegal_transition", `Event #${first.seq} (${first.type}) moved no units; there is nothing to reverse.`);
  // Codes written after the cached copy was read are looked up once more.
  const known = rows.every((row) => [row.location_id, row.to_location_id].every((id) => !id || refs.locationCodeById.has(id)));
  const current = known ? refs : await readRefs(tx);
  const moved = rows.filter(isMove);
  const legs = moved.map((row) => legOf(current, row));
  return {
    sku: first.sku,
    refs: current,
    target: {
      group: first.group_id, type: first.type, firstSeq: first.seq, occurredAt: first.occurred_at, legs,
      seqs: moved.map((row) => row.seq), reference: first.reference,
    },
  };
}

type MoveRow = GroupRow & { location_id: string; to_location_id: string; from_state: string; to_state: string };

function isMove(row: GroupRow): row is MoveRow {
  return Boolean(row.location_id && row.to_location_id && row.from_state && row.to_state);
}

import "server-only";
import { sql, type Db } from "@/lib/server/sql";
import { DomainError } from "@/lib/domain/errors";
import { position, type BalanceRow, type Leg } from "@/lib/domain/positions";
import { isState } from "@/lib/domain/states";
import { dayOf } from "@/lib/domain/periods";
import { channelId, locationId, type Refs } from "./refs";

type BalanceSqlRow = { location_id: string; state: string; bin: string; doc: string; channel_id: string; qty: number };

function toRow(refs: Refs, row: BalanceSqlRow): BalanceRow {
  if (!isState(row.state)) throw new Error(`unknown state in balance: ${row.state}`);
  return {
    location: refs.locationCodeById.get(row.location_id) ?? row.location_id,
    state: row.state,
    bin: row.bin,
    doc: row.doc,
    channel: row.channel_id ? (refs.channelCodeById.get(row.channel_id) ?? row.channel_id) : "",
    qty: row.qty,
  };
}

export async function lockPeriods(tx: Db) {
  await tx.query(sql`SELECT pg_advisory_xact_lock(1)`);
}

export type EventRow = { seq: number; id: string; recorded_at: Date };

export type EventFields = {
  type: string;
  skuId: string | null;
  occurredAt: Date;
  actorId: string;
  reason?: string | null;
  reference?: string | null;
  data: Record<string, unknown>;
  approvalId?: string | null;
  /** Every row of one request shares its group. */
  groupId: string;
  /** Set on the rows of a reversal: the group they undo. */
  reversesGroup?: string | null;
};

/** One ledger row and both of its balance updates in a single statement. */
export async function insertLeg(tx: Db, refs: Refs, fields: EventFields, leg: Leg): Promise<{ event: EventRow; balances: BalanceRow[] }> {
  const fromLoc = locationId(refs, leg.from.location);
  const toLoc = locationId(refs, leg.to.location);
  const channelCode = leg.from.channel || leg.to.channel;
  const channel = channelCode ? channelId(refs, channelCode) : null;
  const fromChannel = leg.from.channel ? channel : "";
  const toChannel = leg.to.channel ? channel : "";
  const day = dayOf(fields.occurredAt);
  const rows = await tx.query<EventRow & { balances: [string, string, string, string, string, number][] }>(sql`
    WITH ev AS (
      INSERT INTO ledger_event (type, sku_id, qty, location_id, from_state, from_bin, from_doc, to_location_id, to_state, to_bin, to_doc,
                                channel_id, occurred_at, actor_id, reason, reference, data, approval_id, group_id, reverses_group)
      VALUES (${fields.type}, ${fields.skuId}::uuid, ${leg.qty}, ${fromLoc}::uuid, ${leg.from.state}, ${leg.from.bin}, ${leg.from.doc},
              ${toLoc}::uuid, ${leg.to.state}, ${leg.to.bin}, ${leg.to.doc}, ${channel}::uuid, ${fields.occurredAt}, ${fields.actorId}::uuid,
              ${fields.reason ?? null}, ${fields.reference ?? null}, ${JSON.stringify(fields.data)}::jsonb, ${fields.approvalId ?? null}::uuid,
              ${fields.groupId}::uuid, ${fields.reversesGroup ?? null}::uuid)
      RETURNING seq, id, recorded_at
    ), moves(location_id, state, bin, doc, channel_id, delta) AS (
      VALUES (${fromLoc}::uuid, ${leg.from.state}, ${leg.from.bin}, ${leg.from.doc}, ${fromChannel ?? ""}::text, ${-leg.qty}::int),
             (${toLoc}::uuid, ${leg.to.state}, ${leg.to.bin}, ${leg.to.doc}, ${toChannel ?? ""}::text, ${leg.qty}::int)
    ), upd AS (
      -- Update first: a CHECK applies to the row an INSERT proposes even when ON CONFLICT would merge it.
      UPDATE balance b SET qty = b.qty + m.delta, last_seq = ev.seq FROM moves m, ev
      WHERE b.sku_id = ${fields.skuId}::uuid AND b.location_id = m.location_id AND b.state = m.state
        AND b.bin = m.bin AND b.doc = m.doc AND b.channel_id = m.channel_id
      RETURNING b.location_id, b.state, b.bin, b.doc, b.channel_id, b.qty
    ), bal AS (
      INSERT INTO balance (sku_id, location_id, state, bin, doc, channel_id, qty, last_seq)
      SELECT ${fields.skuId}::uuid, m.location_id, m.state, m.bin, m.doc, m.channel_id, m.delta, ev.seq FROM moves m, ev
      WHERE NOT EXISTS (SELECT 1 FROM upd u WHERE u.location_id = m.location_id AND u.state = m.state AND u.bin = m.bin
                          AND u.doc = m.doc AND u.channel_id = m.channel_id)
      RETURNING location_id, state, bin, doc, channel_id, qty
    ), daily AS (
      INSERT INTO balance_day (sku_id, location_id, state, bin, channel_id, day, delta)
      SELECT ${fields.skuId}::uuid, m.location_id, m.state, m.bin, m.channel_id, ${day}::date, m.delta FROM moves m
      ON CONFLICT (sku_id, day, location_id, state, bin, channel_id)
      DO UPDATE SET delta = balance_day.delta + EXCLUDED.delta
      RETURNING 1
    )
    SELECT seq, id::text, recorded_at,
           (SELECT json_agg(json_build_array(location_id, state, bin, doc, channel_id, qty))
              FROM (SELECT * FROM upd UNION ALL SELECT * FROM bal) touched) AS balances
    FROM ev`).catch(mapConstraint);
  const { seq, id, recorded_at, balances } = rows[0];
  return {
    event: { seq, id, recorded_at },
    balances: balances.map(([location, state, bin, doc, channel, qty]) => toRow(refs, { location_id: location, state, bin, doc, channel_id: channel, qty })),
  };
}

export async function insertMemo(tx: Db, refs: Refs, fields: EventFields & { qty: number; location?: string }): Promise<EventRow> {
  const loc = fields.location ? locationId(refs, fields.location) : null;
  const rows = await tx.query<EventRow>(sql`
    INSERT INTO ledger_event (type, sku_id, qty, location_id, to_location_id, occurred_at, actor_id, reason, reference, data, approval_id, group_id)
    VALUES (${fields.type}, ${fields.skuId}::uuid, ${fields.qty}, ${loc}::uuid, ${loc}::uuid, ${fields.occurredAt}, ${fields.actorId}::uuid,
            ${fields.reason ?? null}, ${fields.reference ?? null}, ${JSON.stringify(fields.data)}::jsonb, ${fields.approvalId ?? null}::uuid,
            ${fields.groupId}::uuid)
    RETURNING seq, id::text, recorded_at`);
  return rows[0];
}

export function mapConstraint(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  if (message.includes("balance_internal_not_negative") || message.includes("balance_customer_line_not_negative")) {
    throw new DomainError("insufficient_quantity", "Not enough units in the source position.");
  }
  if (message.includes("balance_bin_unknown")) {
    throw new DomainError("unknown_bin", "That bin was removed from its location; choose another bin.", { bin: ["no longer exists"] });
  }
  throw error;
}

/** Rebuilds a ledger row's legs: the projection rule used by replays and reversals. */
export function legOf(refs: Refs, row: {
  location_id: string; to_location_id: string; from_state: string; to_state: string; from_bin: string; to_bin: string;
  from_doc: string; to_doc: string; channel_id: string | null; qty: number;
}): Leg {
  if (!isState(row.from_state) || !isState(row.to_state)) throw new Error("not a move");
  const channel = row.channel_id ? (refs.channelCodeById.get(row.channel_id) ?? row.channel_id) : "";
  const from = position(refs.locationCodeById.get(row.location_id) ?? row.location_id, row.from_state, { bin: row.from_bin, doc: row.from_doc, channel });
  const to = position(refs.locationCodeById.get(row.to_location_id) ?? row.to_location_id, row.to_state, { bin: row.to_bin, doc: row.to_doc, channel });
  return { from, to, qty: row.qty };
}

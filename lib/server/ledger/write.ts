import "server-only";
import { randomUUID } from "node:crypto";
import { sql, type Db } from "@/lib/server/sql";
import { DomainError } from "@/lib/domain/errors";
import type { Plan } from "@/lib/domain/plan";
import { positionKey, type BalanceRow, type Leg } from "@/lib/domain/positions";
import { channelId, locationId, type Refs, type SkuRef } from "./refs";
import { insertLeg, insertMemo, type EventFields, type EventRow } from "./store";
import { LIVE_CHANNEL, moneyOf, noticePayload } from "@/lib/server/live/notice";

export type PostedEvent = {
  id: string;
  seq: number;
  /** The request this row belongs to: every row one request wrote shares it. */
  group: string;
  type: string;
  sku: string | null;
  qty: number;
  from: { location: string; state: string; bin: string; doc: string } | null;
  to: { location: string; state: string; bin: string; doc: string } | null;
  channel: string | null;
  occurredAt: string;
  recordedAt: string;
  actorId: string;
  reason: string | null;
  reference: string | null;
  data: Record<string, unknown>;
  approvalId: string | null;
};

export type Posted = { kind: "posted"; group: string; events: PostedEvent[]; balances: BalanceRow[] };

export type GroupFields = Omit<EventFields, "groupId" | "skuId" | "data" | "type">;

/** Writes one request's group: a row per leg (balances with each), or one memo row; then the documents it opens. */
export async function writeGroup(tx: Db, refs: Refs, sku: SkuRef | null, plan: Plan, header: GroupFields & { qty: number; location?: string }): Promise<Posted> {
  const fields: EventFields = { ...header, type: plan.type, skuId: sku?.id ?? null, data: plan.data, groupId: randomUUID() };
  if (fields.reversesGroup) {
    // The database says "once" too: a second reversal of the group cannot commit.
    const claimed = await tx.query<{ group_id: string }>(sql`
      INSERT INTO reversal (group_id, reversed_by) VALUES (${fields.reversesGroup}::uuid, ${fields.groupId}::uuid)
      ON CONFLICT DO NOTHING RETURNING group_id`);
    if (!claimed.length) throw new DomainError("conflict", "That event group has already been reversed.");
  }
  const rows: EventRow[] = [];
  const after = new Map<string, BalanceRow>();
  for (const leg of plan.legs) {
    const { event, balances } = await insertLeg(tx, refs, fields, leg);
    rows.push(event);
    for (const balance of balances) after.set(positionKey(balance), balance);
  }
  if (!plan.legs.length) rows.push(await insertMemo(tx, refs, { ...fields, qty: header.qty, location: header.location }));
  if (sku) await openDocuments(tx, refs, sku, plan, rows[0], fields.reference);
  await notify(tx, sku, fields, plan, rows, header.location);
  return answer(sku, fields, plan.legs, rows, [...after.values()], header.qty);
}

/**
 * Tells open screens (lib/server/live) that this group committed. PostgreSQL holds a
 * NOTIFY until COMMIT and drops it on ROLLBACK, and delivers in commit order; queued
 * to leave with COMMIT, it costs no round trip of its own.
 */
async function notify(tx: Db, sku: SkuRef | null, fields: EventFields, plan: Plan, rows: EventRow[], location: string | undefined) {
  const seqs = rows.map((row) => Number(row.seq));
  const locations = new Set<string>(location ? [location] : []);
  for (const leg of plan.legs) locations.add(leg.from.location).add(leg.to.location);
  const payload = noticePayload({
    seq: Math.max(...seqs),
    first: Math.min(...seqs),
    group: fields.groupId,
    type: fields.type,
    sku: sku?.code ?? null,
    locations: [...locations].sort(),
    occurredAt: fields.occurredAt.toISOString(),
    money: moneyOf(fields.data),
  });
  const statement = sql`SELECT pg_notify(${LIVE_CHANNEL}, ${payload})`;
  if (tx.beforeCommit) tx.beforeCommit(statement);
  else await tx.query(statement);
}

async function openDocuments(tx: Db, refs: Refs, sku: SkuRef, plan: Plan, first: EventRow, reference: string | null | undefined) {
  if (plan.document) {
    const doc = plan.document;
    await tx.query(sql`
      INSERT INTO document (kind, ref, sku_id, location_id, channel_id, eta, fob, unit_cost, party, created_seq)
      VALUES (${doc.kind}, ${doc.ref}, ${sku.id}::uuid, ${locationId(refs, doc.location)}::uuid,
              ${doc.channel ? channelId(refs, doc.channel) : null}::uuid, ${doc.eta ?? null}, ${doc.fob ?? null},
              ${doc.unitCost ?? null}::numeric, ${doc.party ?? null}, ${first.seq})
      ON CONFLICT (kind, ref, sku_id) DO NOTHING`);
  }
  if (plan.type === "po.ship" && typeof plan.data.eta === "string") {
    await tx.query(sql`UPDATE document SET eta = ${new Date(plan.data.eta)} WHERE kind = 'po' AND sku_id = ${sku.id}::uuid AND ref = ${reference ?? null}`);
  }
  if (plan.type === "cost.change") {
    await tx.query(sql`UPDATE sku SET standard_cost = ${String(plan.data.standardCost)}::numeric WHERE id = ${sku.id}::uuid`);
  }
}

function answer(sku: SkuRef | null, fields: EventFields, legs: Leg[], rows: EventRow[], balances: BalanceRow[], memoQty: number): Posted {
  const events = rows.map((row, index): PostedEvent => {
    const leg = legs[index];
    const side = (p: Leg["from"]) => ({ location: p.location, state: p.state, bin: p.bin, doc: p.doc });
    return {
      id: row.id,
      seq: Number(row.seq),
      group: fields.groupId,
      type: fields.type,
      sku: sku?.code ?? null,
      qty: leg?.qty ?? memoQty,
      from: leg ? side(leg.from) : null,
      to: leg ? side(leg.to) : null,
      channel: leg ? leg.from.channel || leg.to.channel || null : null,
      occurredAt: fields.occurredAt.toISOString(),
      recordedAt: row.recorded_at.toISOString(),
      actorId: fields.actorId,
      reason: fields.reason ?? null,
      reference: fields.reference ?? null,
      data: fields.data,
      approvalId: fields.approvalId ?? null,
    };
  });
  return { kind: "posted", group: fields.groupId, events, balances };
}

import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/server/db";
import { DomainError } from "@/lib/domain/errors";
import type { EventInput } from "@/lib/domain/event-input";
import { planEvent, reverseLegs, type Plan } from "@/lib/domain/plan";
import { periodOf } from "@/lib/domain/periods";
import type { BalanceRow, Leg } from "@/lib/domain/positions";
import { can, type Role } from "@/lib/domain/roles";
import { EVENT_RULES, type EventType } from "@/lib/domain/event-types";
import { checkBin, channelId, findSku, loadRefs, locationId, type Refs, type SkuRef } from "./refs";
import { balancesAt, currentBalances, insertLeg, insertMemo, legOf, lockPeriods, lockSku, type EventRow } from "./store";
import { loadPlanContext } from "./context";
import { createApproval, type ApprovalView } from "./approval-store";

export type Actor = { id: string; role: Role };

export type PostedEvent = {
  id: string;
  seq: number;
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

export type PostResult =
  | { kind: "posted"; events: PostedEvent[]; balances: BalanceRow[] }
  | { kind: "approval"; approval: ApprovalView };

type Options = { approvalId?: string; now?: Date };

/** The one way units move: validate, lock, plan, and write ledger and balances together. */
export async function postEvent(tx: Tx, actor: Actor, input: EventInput, options: Options = {}): Promise<PostResult> {
  const refs = await loadRefs(tx);
  if (input.type === "period.close") return closePeriod(tx, refs, actor, input);
  if (input.type === "reverse") return reverseEvent(tx, refs, actor, input);

  const sku = await findSku(tx, input.sku);
  const location = input.location;
  const locId = location ? locationId(refs, location) : undefined;
  if (location) validateCodes(refs, input, location);
  const occurredAt = input.occurredAt ?? options.now ?? new Date();
  await lockSku(tx, sku.id);
  await refuseClosedPeriod(tx, occurredAt);

  const balances = await currentBalances(tx, refs, sku.id);
  const ctx = await loadPlanContext(tx, refs, sku, balances, {
    location,
    locationId: locId,
    po: "reference" in input && ["po.ship", "receive", "invoice.match", "po.confirm"].includes(input.type) ? input.reference : undefined,
    orderLine: "orderLine" in input ? input.orderLine : undefined,
    actorRole: actor.role,
    approved: Boolean(options.approvalId),
  });
  if (options.now) ctx.now = options.now;
  const plan = planEvent(input, ctx);

  if (plan.approval && !options.approvalId) {
    const approval = await createApproval(tx, actor, { input, sku, plan, approval: plan.approval });
    return { kind: "approval", approval };
  }

  const fields = {
    type: input.type,
    skuId: sku.id,
    occurredAt,
    actorId: actor.id,
    reason: input.reason,
    reference: "reference" in input ? input.reference : undefined,
    data: plan.data,
    approvalId: options.approvalId,
  };
  const rows = plan.legs.length
    ? await writeLegs(tx, refs, fields, plan.legs)
    : [await insertMemo(tx, refs, { ...fields, qty: "qty" in input ? input.qty : 0, location })];
  await applySideEffects(tx, refs, sku, plan, rows[0]);
  return posted(tx, refs, sku, fields, plan.legs, rows);
}

async function writeLegs(tx: Tx, refs: Refs, fields: Parameters<typeof insertLeg>[2], legs: Leg[]): Promise<EventRow[]> {
  const rows: EventRow[] = [];
  for (const leg of legs) rows.push(await insertLeg(tx, refs, fields, leg));
  return rows;
}

function validateCodes(refs: Refs, input: EventInput, location: string) {
  if ("bin" in input) checkBin(refs, location, input.bin);
  if ("toBin" in input) checkBin(refs, location, input.toBin, "toBin");
  if ("channel" in input && input.channel) channelId(refs, input.channel);
  if ("toLocation" in input) locationId(refs, input.toLocation, "toLocation");
}

async function refuseClosedPeriod(tx: Tx, occurredAt: Date) {
  const period = periodOf(occurredAt);
  const closed = await tx.$queryRaw<{ period: string }[]>(Prisma.sql`SELECT period FROM period WHERE period = ${period}`);
  if (closed.length) {
    throw new DomainError("period_closed", `Period ${period} is closed; date the event in an open period.`, { occurredAt: [`${period} is closed`] });
  }
}

async function applySideEffects(tx: Tx, refs: Refs, sku: SkuRef, plan: Plan, first: EventRow) {
  if (plan.document) {
    const doc = plan.document;
    await tx.$executeRaw(Prisma.sql`
      INSERT INTO document (kind, ref, sku_id, location_id, channel_id, eta, fob, unit_cost, party, created_seq)
      VALUES (${doc.kind}, ${doc.ref}, ${sku.id}::uuid, ${locationId(refs, doc.location)}::uuid,
              ${doc.channel ? channelId(refs, doc.channel) : null}::uuid, ${doc.eta ?? null}, ${doc.fob ?? null},
              ${doc.unitCost ?? null}::numeric, ${doc.party ?? null}, ${first.seq})
      ON CONFLICT (kind, ref, sku_id) DO NOTHING`);
  }
  if (plan.type === "po.ship" && typeof plan.data.eta === "string") {
    await tx.$executeRaw(Prisma.sql`UPDATE document SET eta = ${new Date(plan.data.eta)} WHERE kind = 'po' AND sku_id = ${sku.id}::uuid AND ref = (SELECT reference FROM ledger_event WHERE seq = ${first.seq})`);
  }
  if (plan.type === "cost.change") {
    await tx.$executeRaw(Prisma.sql`UPDATE sku SET standard_cost = ${String(plan.data.standardCost)}::numeric WHERE id = ${sku.id}::uuid`);
  }
}

async function posted(
  tx: Tx,
  refs: Refs,
  sku: SkuRef,
  fields: { type: string; occurredAt: Date; actorId: string; reason?: string | null; reference?: string | null; data: Record<string, unknown>; approvalId?: string | null },
  legs: Leg[],
  rows: EventRow[],
): Promise<PostResult> {
  const events = rows.map((row, index): PostedEvent => {
    const leg = legs[index];
    return {
      id: row.id,
      seq: Number(row.seq),
      type: fields.type,
      sku: sku.code,
      qty: leg?.qty ?? Number(fields.data.qty ?? 0),
      from: leg ? { location: leg.from.location, state: leg.from.state, bin: leg.from.bin, doc: leg.from.doc } : null,
      to: leg ? { location: leg.to.location, state: leg.to.state, bin: leg.to.bin, doc: leg.to.doc } : null,
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
  const balances = await balancesAt(tx, refs, sku.id, legs.flatMap((leg) => [leg.from, leg.to]));
  return { kind: "posted", events, balances };
}

async function closePeriod(tx: Tx, refs: Refs, actor: Actor, input: Extract<EventInput, { type: "period.close" }>): Promise<PostResult> {
  const plan = planEvent(input, {
    now: new Date(), actorRole: actor.role, balances: [], costingMethod: "fifo", unitCostEstimate: null, po: null, orderLine: null, approved: false,
    policy: { safetyStock: 0, writeOffValue: "0", countVarianceUnits: 0, fences: {} },
  });
  await lockPeriods(tx);
  const inserted = await tx.$queryRaw<{ period: string }[]>(Prisma.sql`
    INSERT INTO period (period, closed_by) VALUES (${input.period}, ${actor.id}::uuid) ON CONFLICT DO NOTHING RETURNING period`);
  if (!inserted.length) throw new DomainError("conflict", `Period ${input.period} is already closed.`);
  const fields = { type: input.type, skuId: null, occurredAt: input.occurredAt ?? new Date(), actorId: actor.id, reason: input.reason, data: plan.data };
  const row = await insertMemo(tx, refs, { ...fields, qty: 0 });
  return {
    kind: "posted",
    events: [{
      id: row.id, seq: Number(row.seq), type: input.type, sku: null, qty: 0, from: null, to: null, channel: null,
      occurredAt: fields.occurredAt.toISOString(), recordedAt: row.recorded_at.toISOString(), actorId: actor.id,
      reason: input.reason ?? null, reference: null, data: plan.data, approvalId: null,
    }],
    balances: [],
  };
}

type LedgerMoveRow = {
  seq: bigint; type: string; sku_id: string | null; qty: number; location_id: string | null; to_location_id: string | null;
  from_state: string | null; to_state: string | null; from_bin: string; to_bin: string; from_doc: string; to_doc: string;
  channel_id: string | null; reversed: boolean;
};

async function reverseEvent(tx: Tx, refs: Refs, actor: Actor, input: Extract<EventInput, { type: "reverse" }>): Promise<PostResult> {
  const found = await tx.$queryRaw<LedgerMoveRow[]>(Prisma.sql`
    SELECT seq, type, sku_id::text, qty, location_id::text, to_location_id::text, from_state, to_state, from_bin, to_bin, from_doc, to_doc,
           channel_id::text, EXISTS (SELECT 1 FROM ledger_event r WHERE r.reverses_seq = e.seq) AS reversed
    FROM ledger_event e WHERE seq = ${input.reverses}`);
  const original = found[0];
  if (!original) throw new DomainError("not_found", `There is no event #${input.reverses}.`);
  if (!original.from_state || !original.sku_id || !original.location_id || !original.to_location_id || !original.to_state) {
    throw new DomainError("illegal_transition", `Event #${input.reverses} moved no units; there is nothing to reverse.`);
  }
  const permission = original.type in EVENT_RULES ? EVENT_RULES[original.type as EventType].permission : null;
  if (!permission || !can(actor.role, permission)) {
    throw new DomainError("forbidden", `The ${actor.role} role may not reverse a '${original.type}' event.`);
  }
  const skuRows = await tx.$queryRaw<{ code: string }[]>(Prisma.sql`SELECT code FROM sku WHERE id = ${original.sku_id}::uuid`);
  const sku = await findSku(tx, skuRows[0].code);
  await lockSku(tx, sku.id);
  const occurredAt = input.occurredAt ?? new Date();
  await refuseClosedPeriod(tx, occurredAt);
  const again = await tx.$queryRaw<{ n: number }[]>(Prisma.sql`SELECT count(*)::int AS n FROM ledger_event WHERE reverses_seq = ${original.seq}`);
  if (again[0].n > 0) throw new DomainError("conflict", `Event #${original.seq} has already been reversed.`);
  const legs = reverseLegs([legOf(refs, {
    ...original, location_id: original.location_id, to_location_id: original.to_location_id,
    from_state: original.from_state, to_state: original.to_state,
  })]);
  const fields = {
    type: "reverse", skuId: sku.id, occurredAt, actorId: actor.id, reason: input.reason, reference: `#${original.seq}`,
    data: { reversesType: original.type }, reversesSeq: original.seq,
  };
  const rows = await writeLegs(tx, refs, fields, legs);
  return posted(tx, refs, sku, fields, legs, rows);
}

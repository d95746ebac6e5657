import "server-only";
import { sql, type Db } from "@/lib/server/sql";
import { DomainError } from "@/lib/domain/errors";
import type { EventInput } from "@/lib/domain/event-input";
import { planEvent, reverseLegs, type Plan } from "@/lib/domain/plan";
import { periodClosed, periodOf } from "@/lib/domain/periods";
import { positionKey, type BalanceRow, type Leg } from "@/lib/domain/positions";
import { can, type Role } from "@/lib/domain/roles";
import { EVENT_RULES, type EventType } from "@/lib/domain/event-types";
import { checkBin, channelId, loadRefs, locationId, type Refs, type SkuRef } from "./refs";
import { insertLeg, insertMemo, legOf, lockPeriods, type EventRow } from "./store";
import { loadPlanContext, lockSku } from "./context";
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
export async function postEvent(tx: Db, actor: Actor, input: EventInput, options: Options = {}): Promise<PostResult> {
  if (input.type === "period.close") return closePeriod(tx, await loadRefs(tx), actor, input);
  if (input.type === "reverse") return reverseEvent(tx, await loadRefs(tx), actor, input);

  const location = input.location;
  const codes = codesIn(input);
  const refs = await loadRefs(tx, {
    locations: [location, codes.toLocation],
    channels: [codes.channel],
    bins: location ? [[location, codes.bin], [location, codes.toBin]] : [],
  });
  const locId = location ? locationId(refs, location) : undefined;
  if (location) validateCodes(refs, codes, location);
  const occurredAt = input.occurredAt ?? options.now ?? new Date();
  const sku = await lockSku(tx, input.sku);
  const ctx = await loadPlanContext(tx, refs, sku, {
    locationId: locId,
    occurredAt,
    po: "reference" in input && ["po.ship", "receive", "invoice.match", "po.confirm"].includes(input.type) ? input.reference : undefined,
    orderLine: "orderLine" in input ? input.orderLine : undefined,
    actorRole: actor.role,
    approved: Boolean(options.approvalId),
    // Only approval thresholds and cost changes look at a unit's cost.
    needsUnitCost: input.type === "writeoff" || input.type === "cost.change",
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
  const written = plan.legs.length
    ? await writeLegs(tx, refs, fields, plan.legs)
    : { rows: [await insertMemo(tx, refs, { ...fields, qty: "qty" in input ? input.qty : 0, location })], balances: [] };
  await applySideEffects(tx, refs, sku, plan, written.rows[0]);
  return posted(sku, fields, plan.legs, written);
}

type Written = { rows: EventRow[]; balances: BalanceRow[] };

/** One statement per leg; the balances each leg leaves behind come back with it. */
async function writeLegs(tx: Db, refs: Refs, fields: Parameters<typeof insertLeg>[2], legs: Leg[]): Promise<Written> {
  const rows: EventRow[] = [];
  const after = new Map<string, BalanceRow>();
  for (const leg of legs) {
    const { event, balances } = await insertLeg(tx, refs, fields, leg);
    rows.push(event);
    for (const balance of balances) after.set(positionKey(balance), balance);
  }
  return { rows, balances: [...after.values()] };
}

type Codes = { bin?: string; toBin?: string; channel?: string; toLocation?: string };

/** The master-data codes an event names besides its SKU and location. */
function codesIn(input: EventInput): Codes {
  return {
    bin: "bin" in input ? input.bin : undefined,
    toBin: "toBin" in input ? input.toBin : undefined,
    channel: "channel" in input ? input.channel || undefined : undefined,
    toLocation: "toLocation" in input ? input.toLocation : undefined,
  };
}

function validateCodes(refs: Refs, codes: Codes, location: string) {
  checkBin(refs, location, codes.bin);
  checkBin(refs, location, codes.toBin, "toBin");
  if (codes.channel) channelId(refs, codes.channel);
  if (codes.toLocation) locationId(refs, codes.toLocation, "toLocation");
}

async function refuseClosedPeriod(tx: Db, occurredAt: Date) {
  const period = periodOf(occurredAt);
  const closed = await tx.query<{ period: string }>(sql`SELECT period FROM period WHERE period = ${period}`);
  if (closed.length) throw periodClosed(period);
}

async function applySideEffects(tx: Db, refs: Refs, sku: SkuRef, plan: Plan, first: EventRow) {
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
    await tx.query(sql`UPDATE document SET eta = ${new Date(plan.data.eta)} WHERE kind = 'po' AND sku_id = ${sku.id}::uuid AND ref = (SELECT reference FROM ledger_event WHERE seq = ${first.seq})`);
  }
  if (plan.type === "cost.change") {
    await tx.query(sql`UPDATE sku SET standard_cost = ${String(plan.data.standardCost)}::numeric WHERE id = ${sku.id}::uuid`);
  }
}

function posted(
  sku: Pick<SkuRef, "code">,
  fields: { type: string; occurredAt: Date; actorId: string; reason?: string | null; reference?: string | null; data: Record<string, unknown>; approvalId?: string | null },
  legs: Leg[],
  { rows, balances }: Written,
): PostResult {
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
  return { kind: "posted", events, balances };
}

async function closePeriod(tx: Db, refs: Refs, actor: Actor, input: Extract<EventInput, { type: "period.close" }>): Promise<PostResult> {
  const plan = planEvent(input, {
    now: new Date(), actorRole: actor.role, balances: [], costingMethod: "fifo", unitCostEstimate: null, po: null, orderLine: null, approved: false,
    policy: { safetyStock: 0, writeOffValue: "0", countVarianceUnits: 0, fences: {} },
  });
  await lockPeriods(tx);
  const inserted = await tx.query<{ period: string }>(sql`
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
  seq: number; type: string; sku_id: string | null; qty: number; location_id: string | null; to_location_id: string | null;
  from_state: string | null; to_state: string | null; from_bin: string; to_bin: string; from_doc: string; to_doc: string;
  channel_id: string | null; reversed: boolean;
};

async function reverseEvent(tx: Db, refs: Refs, actor: Actor, input: Extract<EventInput, { type: "reverse" }>): Promise<PostResult> {
  const found = await tx.query<LedgerMoveRow>(sql`
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
  const skuRows = await tx.query<{ code: string }>(sql`SELECT code FROM sku WHERE id = ${original.sku_id}::uuid`);
  const sku = await lockSku(tx, skuRows[0].code);
  const occurredAt = input.occurredAt ?? new Date();
  await refuseClosedPeriod(tx, occurredAt);
  const again = await tx.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM ledger_event WHERE reverses_seq = ${original.seq}`);
  if (again[0].n > 0) throw new DomainError("conflict", `Event #${original.seq} has already been reversed.`);
  const legs = reverseLegs([legOf(refs, {
    ...original, location_id: original.location_id, to_location_id: original.to_location_id,
    from_state: original.from_state, to_state: original.to_state,
  })]);
  const fields = {
    type: "reverse", skuId: sku.id, occurredAt, actorId: actor.id, reason: input.reason, reference: `#${original.seq}`,
    data: { reversesType: original.type }, reversesSeq: original.seq,
  };
  return posted(sku, fields, legs, await writeLegs(tx, refs, fields, legs));
}

import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/server/sql";
import { authoriseEvent, authoriseReversal } from "@/lib/domain/authorise";
import type { EventInput } from "@/lib/domain/event-input";
import { planEvent, replanApproved, type Plan, type PlanContext, type ReversalTarget } from "@/lib/domain/plan";
import { valueEvent, type Valuation } from "@/lib/domain/finance/value-event";
import { POOL_STATES } from "@/lib/domain/finance/cost-state";
import { VALUED_TYPES, type CostArgs } from "./cost-context";
import { writeValuation } from "./write-valuation";
import type { Role } from "@/lib/domain/roles";
import { loadRefs, resolveCodes, type Refs } from "./refs";
import { knownSku, lockAndLoad } from "./context";
import { loadReversalTarget } from "./reversal-target";
import { createApproval, type ApprovalView } from "./approval-store";
import { closePeriod, type CloseProgress } from "./close-period";
import { writeGroup, type Posted } from "./write";

export type { PostedEvent } from "./write";
/** `tokenToCheck`: a bearer token the transaction must find still standing for this user and role (lib/server/auth/known-tokens.ts). */
export type Actor = { id: string; role: Role; tokenToCheck?: string };

export type PostResult = Posted | { kind: "approval"; approval: ApprovalView };

export type PostOptions = {
  /** Posting an approved request: exactly the plan it showed (null for requests stored before plans were kept). */
  approval?: { id: string; plan: Plan | null };
  /** The clock; the demo's history and tests set it. */
  now?: Date;
  /** When an approval request is recorded: the demo's history dates its requests in business time. */
  at?: Date;
  /** Settles once the request's idempotency key is claimed: reads may run before, writes only after. */
  claimed?: Promise<void>;
  /** A period close reports how many SKUs it has valued. */
  onProgress?: CloseProgress;
};

/**
 * The one way units move, as one pipeline: authorise → resolve codes → lock the
 * SKU and load what the planner reads → plan (pure) → write the group → answer.
 */
export async function postEvent(tx: Db, actor: Actor, asked: EventInput, options: PostOptions = {}): Promise<PostResult> {
  authoriseEvent(actor.role, asked.type);
  const input = named(asked);
  const now = options.now ?? new Date();
  if (input.type === "period.close") {
    await options.claimed;
    return closePeriod(tx, actor, input, now, options.onProgress);
  }

  const { sku: skuCode, refs, locationId, reversal } = await resolve(tx, input);
  if (reversal) authoriseReversal(actor.role, reversal.type);

  const occurredAt = input.occurredAt ?? now;
  const sku = await knownSku(tx, skuCode);
  const ctx = await lockAndLoad(tx, refs, sku, {
    now,
    locationId,
    occurredAt,
    ...documentsOf(input, reversal),
    actor,
    cost: VALUED_TYPES.has(input.type) ? costArgs(input, reversal) : undefined,
    needsToday: input.type === "writeoff" || input.type === "count",
    reversal,
  });
  await options.claimed;

  const plan = options.approval?.plan ? replanApproved(options.approval.plan, ctx) : planEvent(input, ctx);
  if (plan.approval && !options.approval) {
    return { kind: "approval", approval: await createApproval(tx, actor, { input, sku, plan, at: options.at }) };
  }
  const valuation = ctx.cost ? valueGroup(ctx, plan, input, occurredAt) : null;
  const posted = await writeGroup(tx, refs, sku, plan, groupHeader(input, actor, occurredAt, options.approval?.id, reversal));
  if (valuation) await writeValuation(tx, refs, sku, posted, valuation);
  return posted;
}

/** What every row of the event's group records besides its move. */
export function groupHeader(input: Exclude<EventInput, { type: "period.close" }>, actor: Actor, occurredAt: Date, approvalId?: string, reversal?: Resolved["reversal"]) {
  return {
    occurredAt,
    actorId: actor.id,
    reason: input.reason,
    reference: reversal ? `#${reversal.firstSeq}` : "reference" in input ? input.reference : undefined,
    approvalId,
    reversesGroup: reversal?.group,
    qty: "qty" in input ? input.qty : 0,
    location: "location" in input ? input.location : undefined,
  };
}

/** The PO and the order line an event's plan reads (a reversal's: the customer line of the group it undoes). */
export function documentsOf(input: EventInput, reversal?: Resolved["reversal"]): { po?: string; orderLine?: string } {
  return {
    po: "reference" in input && ["po.ship", "receive", "invoice.match", "po.confirm"].includes(input.type) ? input.reference : undefined,
    orderLine: "orderLine" in input ? input.orderLine : reversal ? customerLine(reversal) : undefined,
  };
}

/** Values the plan from the cost state read under the SKU's lock: costs fixed as the event posts. */
export function valueGroup(ctx: PlanContext, plan: Plan, input: EventInput, occurredAt: Date): Valuation | null {
  if (!ctx.cost) return null;
  const reversal = ctx.reversal;
  return valueEvent(ctx.cost, {
    type: plan.type,
    legs: plan.legs,
    occurredAt,
    data: plan.data,
    reference: "reference" in input ? (input.reference ?? null) : null,
    location: "location" in input ? (input.location ?? null) : null,
    reversal: reversal ? { seqs: reversal.seqs, poolOut: reversal.poolOut, reference: reversal.reference ?? null } : undefined,
    poolUnits: poolUnits(ctx),
    newId: randomUUID,
  });
}

function poolUnits(ctx: PlanContext): Record<string, number> {
  const units: Record<string, number> = {};
  for (const row of ctx.balances) if (POOL_STATES.includes(row.state as never)) units[row.location] = (units[row.location] ?? 0) + row.qty;
  return units;
}

/** The documents whose costs an event reads: its PO or drop-ship reference, order line and RMA, or those of the group it reverses. */
export function costArgs(input: EventInput, reversal?: Resolved["reversal"]): CostArgs {
  const docs = new Set<string>();
  for (const field of ["reference", "orderLine", "rma"] as const) {
    const value = (input as Partial<Record<typeof field, unknown>>)[field];
    if (typeof value === "string" && value) docs.add(value);
  }
  for (const leg of reversal?.legs ?? []) for (const doc of [leg.from.doc, leg.to.doc]) if (doc) docs.add(doc);
  if (reversal?.reference) docs.add(reversal.reference);
  return { docs: [...docs], seqs: reversal?.seqs ?? [] };
}

/** A transfer shipped without an id gets one, so it can be received by it (the answer's data says which). */
export function named<T extends EventInput>(input: T): T {
  if (input.type !== "transfer.ship" || input.transfer || input.reference) return input;
  return { ...input, transfer: `TR-${randomUUID().slice(0, 8).toUpperCase()}` } as T;
}

type Resolved = { sku: string; refs: Refs; locationId?: string; reversal?: Omit<ReversalTarget, "reversed" | "poolOut"> };

/** The SKU and master data an event names; for a reversal, those of the group it undoes. */
async function resolve(tx: Db, input: Exclude<EventInput, { type: "period.close" }>): Promise<Resolved> {
  if (input.type !== "reverse") return { sku: input.sku, ...(await resolveCodes(tx, input)) };
  const { sku, refs, target } = await loadReversalTarget(tx, await loadRefs(tx), input.reverses);
  return { sku, refs, reversal: target };
}

/** A reversal that takes units back from the customer reads what their order line left there. */
function customerLine(target: Omit<ReversalTarget, "reversed" | "poolOut">): string | undefined {
  return target.legs.find((leg) => leg.to.state === "CUSTOMER" && leg.to.doc)?.to.doc;
}

// One function decides every move: given an event and the SKU's current balances,
// it returns the legs to post (or the approval the event needs), or refuses with
// a clear DomainError. Pure: the ledger service reads, locks and writes around it.
import { authoriseEvent } from "./authorise.ts";
import { DomainError } from "./errors.ts";
import { dayOf } from "./periods.ts";
import { isAllowedMove } from "./event-types.ts";
import { INBOUND_PLANNERS } from "./plan/inbound.ts";
import { OUTBOUND_PLANNERS } from "./plan/outbound.ts";
import { STOCK_PLANNERS } from "./plan/stock.ts";
import { MEMOS_PLANNERS } from "./plan/memos.ts";
import { REVERSE_PLANNERS } from "./plan/reverse.ts";
import { checkAtpAfter, checkLegsFit } from "./plan/checks.ts";
import type { Plan, PlanContext, PlannableInput, Planner } from "./plan/types.ts";

export type { Approval, LocationPolicy, NewDocument, OrderLineDocument, Plan, PlanContext, PoDocument, ReversalTarget } from "./plan/types.ts";
export { takeFrom } from "./plan/steps.ts";
export { reverseLegs } from "./plan/reverse.ts";

const PLANNERS: { [T in PlannableInput["type"]]: Planner<T> } = {
  ...INBOUND_PLANNERS, ...OUTBOUND_PLANNERS, ...STOCK_PLANNERS, ...MEMOS_PLANNERS, ...REVERSE_PLANNERS,
};

/** Clocks drift: an event may be dated this far past the server's now. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** An event is never dated in the future (beyond a small clock skew). */
export function checkNotFuture(occurredAt: Date, now: Date): void {
  if (occurredAt.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) {
    throw new DomainError("invalid_input", "An event cannot be dated in the future.", { occurredAt: ["is in the future"] });
  }
}

/**
 * Goods on their way cannot be due before they left: a shipment's (ASN's or
 * transfer's) ETA on a day before the shipment's own is refused. A PO's ETA is
 * left free: a PO entered late may already be overdue.
 */
export function checkEtaNotBeforeShipping(input: PlannableInput, occurredAt: Date): void {
  if (input.type !== "po.ship" && input.type !== "transfer.ship") return;
  if (input.eta && dayOf(input.eta) < dayOf(occurredAt)) {
    throw new DomainError("invalid_input", `The ETA (${dayOf(input.eta)}) is before the shipment left (${dayOf(occurredAt)}).`, { eta: ["is before the shipment's own day"] });
  }
}

export function planEvent(input: PlannableInput, ctx: PlanContext): Plan {
  authoriseEvent(ctx.actorRole, input.type);
  checkNotFuture(ctx.occurredAt, ctx.now);
  checkEtaNotBeforeShipping(input, ctx.occurredAt);
  const plan = PLANNERS[input.type](input as never, ctx);
  if (plan.type !== "reverse") {
    for (const leg of plan.legs) {
      if (!isAllowedMove(plan.type, leg.from.state, leg.to.state)) {
        // A planner bug, never user input: the table of §3 is the last word.
        throw new Error(`planner produced ${leg.from.state} → ${leg.to.state} for ${plan.type}`);
      }
    }
  }
  checkLegsFit(plan.legs, ctx);
  return plan;
}

/**
 * An approved request posts exactly the legs it showed. If they no longer fit
 * (stock moved since), the decision is refused and says why; nothing is re-planned.
 */
export function replanApproved(plan: Plan, ctx: PlanContext): Plan {
  try {
    checkNotFuture(ctx.occurredAt, ctx.now);
    if (plan.type === "reverse") checkAtpAfter(plan.legs, ctx);
    checkLegsFit(plan.legs, ctx);
  } catch (error) {
    if (error instanceof DomainError) {
      throw new DomainError("approval_stale", `The approved moves no longer fit: ${error.message} Reject this request and ask again.`);
    }
    throw error;
  }
  return { ...plan, approval: undefined };
}

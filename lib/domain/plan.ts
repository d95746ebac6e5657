// One function decides every move: given an event and the SKU's current balances,
// it returns the legs to post (or the approval the event needs), or refuses with
// a clear DomainError. Pure: the ledger service reads, locks and writes around it.
import { DomainError } from "./errors.ts";
import { EVENT_RULES, isAllowedMove } from "./event-types.ts";
import type { Leg } from "./positions.ts";
import { can } from "./roles.ts";
import { INBOUND_PLANNERS } from "./plan/inbound.ts";
import { OUTBOUND_PLANNERS } from "./plan/outbound.ts";
import { STOCK_PLANNERS } from "./plan/stock.ts";
import { MEMOS_PLANNERS } from "./plan/memos.ts";
import type { Plan, PlanContext, PlannableInput, Planner } from "./plan/types.ts";

export type { Approval, NewDocument, OrderLineDocument, Plan, PlanContext, PoDocument } from "./plan/types.ts";
export { takeFrom } from "./plan/steps.ts";

const PLANNERS: { [T in PlannableInput["type"]]: Planner<T> } = { ...INBOUND_PLANNERS, ...OUTBOUND_PLANNERS, ...STOCK_PLANNERS, ...MEMOS_PLANNERS };

const MAX_FUTURE_MS = 5 * 60 * 1000;

export function planEvent(input: PlannableInput, ctx: PlanContext): Plan {
  const rule = EVENT_RULES[input.type];
  if (!can(ctx.actorRole, rule.permission)) {
    throw new DomainError("forbidden", `The ${ctx.actorRole} role may not post '${input.type}' (${rule.label}).`);
  }
  const occurredAt = "occurredAt" in input && input.occurredAt ? input.occurredAt : ctx.now;
  if (occurredAt.getTime() > ctx.now.getTime() + MAX_FUTURE_MS) {
    throw new DomainError("invalid_input", "An event cannot be dated in the future.", { occurredAt: ["is in the future"] });
  }
  const plan = PLANNERS[input.type](input as never, ctx);
  for (const leg of plan.legs) {
    if (!isAllowedMove(input.type, leg.from.state, leg.to.state)) {
      // A planner bug, never user input: the table of §3 is the last word.
      throw new Error(`planner produced ${leg.from.state} → ${leg.to.state} for ${input.type}`);
    }
  }
  return plan;
}

/** The legs that undo a posted move. */
export function reverseLegs(legs: readonly Leg[]): Leg[] {
  return legs.map((leg) => ({ from: leg.to, to: leg.from, qty: leg.qty }));
}

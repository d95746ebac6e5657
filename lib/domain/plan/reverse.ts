// Corrections: a reversal undoes every leg of one event group, once, planned like
// any other move (inventory-model §3 "Corrections").
import { authoriseReversal } from "../authorise.ts";
import { DomainError } from "../errors.ts";
import { EVENT_RULES, isEventType, reversalApproval } from "../event-types.ts";
import type { Leg } from "../positions.ts";
import { checkAtpAfter } from "./checks.ts";
import type { Planner } from "./types.ts";

/** The legs that undo a posted move. */
export function reverseLegs(legs: readonly Leg[]): Leg[] {
  return legs.map((leg) => ({ from: leg.to, to: leg.from, qty: leg.qty }));
}

export const REVERSE_PLANNERS: { reverse: Planner<"reverse"> } = {
  reverse: (input, ctx) => {
    const target = ctx.reversal;
    if (!target) throw new DomainError("not_found", `There is no event ${input.reverses}.`);
    authoriseReversal(ctx.actorRole, target.type);
    if (!target.legs.length) throw new DomainError("illegal_transition", `Event #${target.firstSeq} moved no units; there is nothing to reverse.`);
    if (target.reversed) throw new DomainError("conflict", `Event #${target.firstSeq} (group ${target.group}) has already been reversed.`);
    if (ctx.occurredAt.getTime() < target.occurredAt.getTime()) {
      throw new DomainError("history_conflict", `A reversal cannot be dated before the event it undoes (${target.occurredAt.toISOString()}).`, {
        occurredAt: ["before the reversed event"],
      });
    }
    const legs = reverseLegs(target.legs);
    checkAtpAfter(legs, ctx);
    const qty = legs.reduce((total, leg) => total + leg.qty, 0);
    const label = isEventType(target.type) ? EVENT_RULES[target.type].label : target.type;
    const needsApproval = isEventType(target.type) && reversalApproval(target.type) !== undefined;
    return {
      type: "reverse",
      legs,
      data: { reversesType: target.type, reversesGroup: target.group, reversesSeq: target.firstSeq },
      approval: needsApproval ? { qty, amount: null, summary: `Reverse ${label} #${target.firstSeq}: ${qty} unit${qty === 1 ? "" : "s"} back` } : undefined,
    };
  },
};

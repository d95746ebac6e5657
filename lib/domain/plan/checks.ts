// Checks every plan passes before it is written: the legs fit the balances now and
// at every moment since the event's date, and (for reversals) no channel's
// available-to-promise drops below zero.
import { atpInputAt, atpToday } from "../atp.ts";
import { DomainError } from "../errors.ts";
import { defaultLocationPolicy } from "../policy.ts";
import { applyLegs, isBounded, netByPosition, sumQty, type Leg, type Position } from "../positions.ts";
import type { PlanContext } from "./types.ts";

function describe(p: Position): string {
  const parts = [p.location, p.state === "CUSTOMER" ? `at the customer on order line ${p.doc}` : p.state];
  if (p.bin) parts.push(`bin ${p.bin}`);
  if (p.doc && p.state !== "CUSTOMER") parts.push(`(${p.doc})`);
  return parts.join(" ");
}

/**
 * No bounded position may go below zero, now or at any moment after the event's
 * date: a back-dated move is refused when it, or any event after it, would leave
 * a position negative at some moment (inventory-model §7).
 */
export function checkLegsFit(legs: readonly Leg[], ctx: PlanContext): void {
  for (const [key, { position, delta }] of netByPosition(legs)) {
    if (delta >= 0 || !isBounded(position)) continue;
    const now = sumQty(ctx.balances, position);
    if (now + delta < 0) {
      throw new DomainError("insufficient_quantity", `${describe(position)}: ${now} there, ${-delta} needed.`);
    }
    const later = ctx.later[key];
    if (later && now - later.arriving + delta < 0) {
      throw new DomainError(
        "history_conflict",
        `Dated ${ctx.occurredAt.toISOString()}, this would leave ${describe(position)} at ${now - later.arriving + delta} until ${later.until}: ` +
          `the units it needs arrived later, or later events took them. Date it later, or post it now.`,
        { occurredAt: ["conflicts with later events"] },
      );
    }
  }
}

/** Refuses legs that would push a channel's ATP below zero (or further below) at a location they touch. */
export function checkAtpAfter(legs: readonly Leg[], ctx: PlanContext): void {
  const after = applyLegs(ctx.balances, legs);
  const locations = new Set(legs.flatMap((leg) => [leg.from.location, leg.to.location]));
  for (const location of locations) {
    const policy = ctx.policies[location] ?? defaultLocationPolicy();
    const channels = new Set([...ctx.channels, ...Object.keys(policy.fences)]);
    const inputBefore = atpInputAt(ctx.balances, location, policy);
    const inputAfter = atpInputAt(after, location, policy);
    for (const channel of channels) {
      const before = atpToday(inputBefore, channel);
      const then = atpToday(inputAfter, channel);
      if (then < 0 && then < before) {
        throw new DomainError(
          "insufficient_quantity",
          `This would leave ${then} available to promise on ${channel} at ${location} (${before} now, after safety stock and other channels' allocations).`,
        );
      }
    }
  }
}

// Who may post what, checked right after parsing and before any work is done:
// no idempotency record, lock or read happens for a role that may not post the type.
import { DomainError } from "./errors.ts";
import { EVENT_RULES, isEventType, ruleFor, type EventType } from "./event-types.ts";
import { can, type Role } from "./roles.ts";

export function authoriseEvent(role: Role, type: EventType | "reverse"): void {
  if (type === "reverse") {
    // Which permission a reversal needs depends on the event it undoes (authoriseReversal);
    // a role that may post nothing may reverse nothing.
    if (!Object.values(EVENT_RULES).some((rule) => can(role, rule.permission))) {
      throw new DomainError("forbidden", `The ${role} role may not reverse events.`);
    }
    return;
  }
  const rule = ruleFor(type);
  if (!mayPost(role, type)) throw new DomainError("forbidden", `The ${role} role may not post '${type}' (${rule.label}).`);
}

/** Whether the role may post events of the type: what screens ask before offering a form for it. */
export function mayPost(role: Role, type: EventType): boolean {
  return can(role, ruleFor(type).permission);
}

/** Undoing an event takes the permission that posts it. */
export function authoriseReversal(role: Role, original: string): void {
  if (original === "reverse") throw new DomainError("illegal_transition", "A reversal cannot itself be reversed; post the event again instead.");
  if (!isEventType(original)) throw new DomainError("illegal_transition", `Events of type '${original}' cannot be reversed.`);
  const rule = ruleFor(original);
  if (!can(role, rule.permission)) throw new DomainError("forbidden", `The ${role} role may not reverse a '${original}' event (${rule.label}).`);
}

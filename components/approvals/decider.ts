import { EVENT_RULES, isEventType } from "@/lib/domain/event-types";
import { can, ROLE_LABEL, ROLES, type Role } from "@/lib/domain/roles";
import type { ApprovalView } from "@/lib/server/ledger/approval-store";

// What the board offers the signed-in user for one request. The server decides
// again (approveAction/rejectAction); this only keeps buttons off where they would fail.

export function typeLabel(type: string): string {
  if (type === "reverse") return "Reversal";
  return isEventType(type) ? EVENT_RULES[type].label : type;
}

export type Decider =
  | { kind: "may-decide" }
  | { kind: "own-request" }
  | { kind: "someone-else"; roles: string };

export function deciderFor(approval: Pick<ApprovalView, "permission" | "requestedBy">, user: { id: string; role: Role }): Decider {
  const permission = approval.permission;
  if (approval.requestedBy.id === user.id) return { kind: "own-request" };
  if (permission && can(user.role, permission)) return { kind: "may-decide" };
  const roles = permission ? ROLES.filter((role) => can(role, permission)).map((role) => ROLE_LABEL[role]) : [];
  return { kind: "someone-else", roles: roles.length ? roles.join(" or ") : "an authorised" };
}

/** "1 unit", "3 units", "-4 units" (a count's variance is signed). */
export function quantityText(qty: number): string {
  return `${qty} ${Math.abs(qty) === 1 ? "unit" : "units"}`;
}

"use client";

import { createContext, useContext, type ReactNode } from "react";
import { mayPost } from "@/lib/domain/authorise";
import { ruleFor, type EventType } from "@/lib/domain/event-types";
import { ROLE_LABEL, ROLES, type Role } from "@/lib/domain/roles";

const SignedInRole = createContext<Role | null>(null);

/** The signed-in role, for the screens' actions to ask what it may post (the server checks again). */
export function RoleProvider({ role, children }: { role: Role; children: ReactNode }) {
  return <SignedInRole.Provider value={role}>{children}</SignedInRole.Provider>;
}

/** Whether the signed-in role may post events of the type. */
export function useMayPost(type: EventType): boolean {
  const role = useContext(SignedInRole);
  return role !== null && mayPost(role, type);
}

/**
 * An action that posts `type`, offered only to a role that may post it; any other
 * role (an admin looking round an area) reads whose action it is instead of a
 * button that would be refused.
 */
export function IfMayPost({ type, children }: { type: EventType; children: ReactNode }) {
  if (useMayPost(type)) return children;
  const roles = ROLES.filter((role) => mayPost(role, type)).map((role) => ROLE_LABEL[role]);
  return (
    <p className="text-xs text-muted" data-testid="not-yours">
      {ruleFor(type).label}: posted by {roles.length ? roles.join(" or ") : "no role"}.
    </p>
  );
}

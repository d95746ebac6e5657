import type { AuditAction } from "@/lib/server/audit";

/** Every kind of audit entry, in the words the audit screen uses. */
export const AUDIT_ACTIONS: readonly { value: AuditAction; label: string }[] = [
  { value: "user.create", label: "User created" },
  { value: "user.role", label: "Role changed" },
  { value: "user.status", label: "User (de)activated" },
  { value: "user.password", label: "Password reset" },
  { value: "token.issue", label: "Token issued" },
  { value: "token.revoke", label: "Token revoked" },
  { value: "sku.create", label: "SKU created" },
  { value: "location.create", label: "Location created" },
  { value: "location.bins", label: "Bins added or removed" },
  { value: "channel.create", label: "Channel created" },
  { value: "channel.locations", label: "Channel locations set" },
  { value: "policy.set", label: "Stock policy set" },
];

export function actionLabel(action: string): string {
  return AUDIT_ACTIONS.find((known) => known.value === action)?.label ?? action;
}

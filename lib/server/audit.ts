import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/server/db";

// Every admin action leaves one row in audit_log, written in the same
// transaction as the change, so there is no change without its entry and no
// entry for a change that rolled back. The table is append-only.

export type AuditAction =
  | "user.create"
  | "user.role"
  | "user.status"
  | "user.password"
  | "token.issue"
  | "token.revoke"
  | "sku.create"
  | "location.create"
  | "location.bins"
  | "channel.create"
  | "channel.locations"
  | "policy.set";

export type AuditEntry = {
  action: AuditAction;
  target: { kind: "user" | "token" | "sku" | "location" | "channel" | "policy"; id: string; label: string };
  before?: unknown;
  after?: unknown;
};

/** Dates, decimals and bigints as the JSON a reader sees; undefined fields dropped. */
function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v))) as Prisma.InputJsonValue;
}

export async function audit(tx: Tx, actor: { id: string }, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: actor.id,
      action: entry.action,
      targetKind: entry.target.kind,
      targetId: entry.target.id,
      targetLabel: entry.target.label,
      before: toJson(entry.before),
      after: toJson(entry.after),
    },
    select: { id: true },
  });
}

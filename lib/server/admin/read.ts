import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { prisma, type Tx } from "@/lib/server/db";
import { isUuid } from "@/lib/domain/ids";
import { PAGE_SIZE, paged, type Paged } from "@/lib/server/views/admin";

// Reads behind the account screens (users, service accounts, the audit log).
// Lists that grow are paged in SQL; dates leave as ISO strings.

const accountSelect = { id: true, name: true, email: true, role: true, kind: true, active: true, createdAt: true } satisfies Prisma.UserSelect;
type AccountRecord = Prisma.UserGetPayload<{ select: typeof accountSelect }>;
export type AccountRow = Omit<AccountRecord, "createdAt"> & { createdAt: string };

const toAccountRow = (user: AccountRecord): AccountRow => ({ ...user, createdAt: user.createdAt.toISOString() });

export async function accounts(db: Tx = prisma): Promise<AccountRow[]> {
  const rows = await db.user.findMany({ select: accountSelect, orderBy: [{ active: "desc" }, { kind: "asc" }, { role: "asc" }, { name: "asc" }] });
  return rows.map(toAccountRow);
}

export async function account(id: string, db: Tx = prisma): Promise<AccountRow | null> {
  if (!isUuid(id)) return null;
  const row = await db.user.findUnique({ where: { id }, select: accountSelect });
  return row ? toAccountRow(row) : null;
}

/** Who an admin may issue a token for: active service accounts. */
export function serviceAccounts(db: Tx = prisma) {
  return db.user.findMany({ where: { active: true, kind: "service" }, select: { id: true, name: true, role: true }, orderBy: { name: "asc" } });
}

export type ServiceAccount = Awaited<ReturnType<typeof serviceAccounts>>[number];

export type AuditRow = {
  id: string;
  at: string;
  actor: { id: string; name: string };
  action: string;
  target: { kind: string; id: string; label: string };
  before: unknown;
  after: unknown;
};

/** Newest first, one page at a time; `action` narrows to one kind of change ("user.role"). */
export async function auditPage(filter: { page?: number; action?: string }, db: Tx = prisma): Promise<Paged<AuditRow>> {
  const page = filter.page ?? 1;
  const where: Prisma.AuditLogWhereInput = filter.action ? { action: filter.action } : {};
  const [rows, total] = await Promise.all([
    db.auditLog.findMany({ where, orderBy: { id: "desc" }, skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
    db.auditLog.count({ where }),
  ]);
  const actorIds = [...new Set(rows.map((row) => row.actorId))];
  const actors = new Map((await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  return paged(
    rows.map((row) => ({
      id: row.id.toString(),
      at: row.at.toISOString(),
      actor: { id: row.actorId, name: actors.get(row.actorId) ?? "unknown" },
      action: row.action,
      target: { kind: row.targetKind, id: row.targetId, label: row.targetLabel },
      before: row.before,
      after: row.after,
    })),
    total,
    page,
  );
}

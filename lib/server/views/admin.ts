import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { prisma, type Tx } from "@/lib/server/db";
import { isUuid } from "@/lib/domain/ids";

// Reads behind the admin sub-pages. Lists that grow (SKUs, tokens) are filtered
// and paged in SQL; dates leave as ISO strings so rows stay serialisable.

export const PAGE_SIZE = 20;

export type Paged<Row> = { rows: Row[]; total: number; page: number; pageCount: number };

/** `?page=` as a page number; anything odd reads as the first page. */
export function pageParam(value: string | string[] | undefined): number {
  const page = Number(Array.isArray(value) ? value[0] : value);
  return Number.isInteger(page) && page > 0 ? page : 1;
}

export function paged<Row>(rows: Row[], total: number, page: number): Paged<Row> {
  return { rows, total, page, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

const userSelect = { id: true, name: true, email: true, role: true, active: true, createdAt: true } satisfies Prisma.UserSelect;
type UserRecord = Prisma.UserGetPayload<{ select: typeof userSelect }>;
export type AdminUserRow = Omit<UserRecord, "createdAt"> & { createdAt: string };

const toUserRow = (user: UserRecord): AdminUserRow => ({ ...user, createdAt: user.createdAt.toISOString() });

export async function adminUsers(db: Tx = prisma): Promise<AdminUserRow[]> {
  const rows = await db.user.findMany({ select: userSelect, orderBy: [{ active: "desc" }, { role: "asc" }, { name: "asc" }] });
  return rows.map(toUserRow);
}


export async function adminUser(id: string, db: Tx = prisma): Promise<AdminUserRow | null> {
  if (!isUuid(id)) return null;
  const row = await db.user.findUnique({ where: { id }, select: userSelect });
  return row ? toUserRow(row) : null;
}

const tokenSelect = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  user: { select: { id: true, name: true, email: true } },
} satisfies Prisma.ApiTokenSelect;
type TokenRecord = Prisma.ApiTokenGetPayload<{ select: typeof tokenSelect }>;
export type TokenRow = Omit<TokenRecord, "createdAt" | "lastUsedAt" | "revokedAt"> & {
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

function toTokenRow(token: TokenRecord): TokenRow {
  return {
    ...token,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}

/** Live tokens first, newest first; `userId` narrows to one person's tokens. */
export async function adminTokens(filter: { userId?: string; page?: number }, db: Tx = prisma): Promise<Paged<TokenRow>> {
  const where: Prisma.ApiTokenWhereInput = filter.userId ? { userId: filter.userId } : {};
  const page = filter.page ?? 1;
  const [rows, total] = await Promise.all([
    db.apiToken.findMany({
      where,
      select: tokenSelect,
      orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
    }),
    db.apiToken.count({ where }),
  ]);
  return paged(rows.map(toTokenRow), total, page);
}

/** Who can be given a token: active people only, for the issue form's picker. */
export function tokenHolders(db: Tx = prisma) {
  return db.user.findMany({ where: { active: true }, select: { id: true, name: true, role: true }, orderBy: { name: "asc" } });
}

export type TokenHolder = Awaited<ReturnType<typeof tokenHolders>>[number];

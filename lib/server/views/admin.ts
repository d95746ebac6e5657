import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { prisma, type Tx } from "@/lib/server/db";

// Reads behind the admin sub-pages. Lists that grow (SKUs, tokens) are filtered
// and paged in SQL; dates leave as ISO strings so rows stay serialisable.

export { PAGE_SIZE, pageParam, paged, type Paged } from "./paging";
import { PAGE_SIZE, paged, type Paged } from "./paging";

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


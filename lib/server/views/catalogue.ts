import "server-only";
import { CostingMethod, type Prisma } from "@/lib/generated/prisma/client";
import { prisma, type Tx } from "@/lib/server/db";

// Reads behind the four landing pages. Rows leave here as plain serialisable
// data: Decimals become fixed-point strings so money never passes through a float.

const skuSelect = {
  id: true,
  code: true,
  name: true,
  category: true,
  costingMethod: true,
  standardCost: true,
} satisfies Prisma.SkuSelect;

const channelSelect = { id: true, code: true, name: true } satisfies Prisma.ChannelSelect;

const locationSelect = {
  id: true,
  code: true,
  name: true,
  kind: true,
  bins: { select: { id: true, code: true }, orderBy: { code: "asc" } },
} satisfies Prisma.LocationSelect;

const userSelect = { id: true, name: true, email: true, role: true, active: true } satisfies Prisma.UserSelect;

type SkuRecord = Prisma.SkuGetPayload<{ select: typeof skuSelect }>;
export type SkuRow = Omit<SkuRecord, "standardCost"> & { standardCost: string | null };
export type ChannelRow = Prisma.ChannelGetPayload<{ select: typeof channelSelect }>;
export type LocationRow = Prisma.LocationGetPayload<{ select: typeof locationSelect }>;
export type UserRow = Prisma.UserGetPayload<{ select: typeof userSelect }>;
export type CostingCount = { method: CostingMethod; count: number };

function toSkuRow({ standardCost, ...sku }: SkuRecord): SkuRow {
  return { ...sku, standardCost: standardCost === null ? null : standardCost.toFixed(2) };
}

const skus = (db: Tx) => db.sku.findMany({ select: skuSelect, orderBy: { code: "asc" } }).then((rows) => rows.map(toSkuRow));
const channels = (db: Tx) => db.channel.findMany({ select: channelSelect, orderBy: { code: "asc" } });
const locations = (db: Tx) => db.location.findMany({ select: locationSelect, orderBy: { code: "asc" } });

export async function salesOverview(db: Tx = prisma) {
  const [channelRows, skuRows] = await Promise.all([channels(db), skus(db)]);
  return { channels: channelRows, skus: skuRows };
}

export async function warehouseOverview(db: Tx = prisma) {
  const [locationRows, skuRows] = await Promise.all([locations(db), skus(db)]);
  return { locations: locationRows, skus: skuRows };
}

export async function financeOverview(db: Tx = prisma) {
  const [skuRows, grouped] = await Promise.all([
    skus(db),
    db.sku.groupBy({ by: ["costingMethod"], _count: { _all: true }, orderBy: { costingMethod: "asc" } }),
  ]);
  // Every method is listed, including one no SKU uses yet, so the summary's shape is stable.
  const costing: CostingCount[] = Object.values(CostingMethod).map((method) => ({
    method,
    count: grouped.find((group) => group.costingMethod === method)?._count._all ?? 0,
  }));
  return { skus: skuRows, costing };
}

export async function adminOverview(db: Tx = prisma) {
  const [userRows, locationRows, channelRows, skuCount] = await Promise.all([
    db.user.findMany({ select: userSelect, orderBy: [{ role: "asc" }, { name: "asc" }] }),
    locations(db),
    channels(db),
    db.sku.count(),
  ]);
  return { users: userRows, locations: locationRows, channels: channelRows, skuCount };
}

export type SalesOverviewData = Awaited<ReturnType<typeof salesOverview>>;
export type WarehouseOverviewData = Awaited<ReturnType<typeof warehouseOverview>>;
export type FinanceOverviewData = Awaited<ReturnType<typeof financeOverview>>;
export type AdminOverviewData = Awaited<ReturnType<typeof adminOverview>>;

import "server-only";
import { CostingMethod, type Prisma } from "@/lib/generated/prisma/client";
import { prisma, type Tx } from "@/lib/server/db";
import { PAGE_SIZE, paged, type Paged } from "./admin";
import { POLICY_DEFAULTS } from "@/lib/domain/policy";

// Reads behind the four landing pages. Rows leave here as plain serialisable
// data: Decimals become fixed-point strings so money never passes through a float.

const skuSelect = {
  id: true,
  code: true,
  name: true,
  category: true,
  uom: true,
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

export const skus = (db: Tx = prisma) => db.sku.findMany({ select: skuSelect, orderBy: { code: "asc" } }).then((rows) => rows.map(toSkuRow));
export const channels = (db: Tx = prisma) => db.channel.findMany({ select: channelSelect, orderBy: { code: "asc" } });
export const locations = (db: Tx = prisma) => db.location.findMany({ select: locationSelect, orderBy: { code: "asc" } });

export async function adminOverview(db: Tx = prisma) {
  const [userRows, locationRows, channelRows, skuCount] = await Promise.all([
    db.user.findMany({ select: userSelect, orderBy: [{ role: "asc" }, { name: "asc" }] }),
    locations(db),
    channels(db),
    db.sku.count(),
  ]);
  return { users: userRows, locations: locationRows, channels: channelRows, skuCount };
}

export type AdminOverviewData = Awaited<ReturnType<typeof adminOverview>>;

// ── Admin master-data screens ───────────────────────────────────────────────

/** One page of the SKU catalogue, searched by code or name in SQL. */
export async function skuPage(filter: { q?: string; page: number }, db: Tx = prisma): Promise<Paged<SkuRow>> {
  const q = filter.q?.trim();
  const where: Prisma.SkuWhereInput = q
    ? { OR: [{ code: { contains: q, mode: "insensitive" } }, { name: { contains: q, mode: "insensitive" } }] }
    : {};
  const [rows, total] = await Promise.all([
    db.sku.findMany({ where, select: skuSelect, orderBy: { code: "asc" }, skip: (filter.page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
    db.sku.count({ where }),
  ]);
  return paged(rows.map(toSkuRow), total, filter.page);
}

export async function locationsAndChannels(db: Tx = prisma) {
  const [locationRows, channelRows] = await Promise.all([locations(db), channels(db)]);
  return { locations: locationRows, channels: channelRows };
}

export type PolicyValues = {
  safetyStock: number;
  inspectionLeadDays: number;
  writeOffValue: string;
  countVarianceUnits: number;
  /** Every channel, with 0 where no fence is set, so the form can offer each one. */
  allocations: { channel: string; name: string; qty: number }[];
};

export type PolicyLookup =
  | { found: false; missing: ("sku" | "location")[] }
  | { found: true; sku: { code: string; name: string }; location: { code: string; name: string }; saved: boolean; values: PolicyValues };

/** The current SKU × location policy, or the defaults a new one starts from (catalogue-input's). */
export async function policyFor(skuCode: string, locationCode: string, db: Tx = prisma): Promise<PolicyLookup> {
  const [sku, location, channelRows] = await Promise.all([
    db.sku.findUnique({ where: { code: skuCode.trim().toUpperCase() }, select: { id: true, code: true, name: true } }),
    db.location.findUnique({ where: { code: locationCode.trim().toUpperCase() }, select: { id: true, code: true, name: true } }),
    channels(db),
  ]);
  if (!sku || !location) return { found: false, missing: [...(sku ? [] : ["sku" as const]), ...(location ? [] : ["location" as const])] };
  const key = { skuId: sku.id, locationId: location.id };
  const [policy, fences] = await Promise.all([
    db.skuPolicy.findUnique({ where: { skuId_locationId: key }, select: { safetyStock: true, inspectionLeadDays: true, writeOffValue: true, countVarianceUnits: true } }),
    db.channelAllocation.findMany({ where: key, select: { channelId: true, qty: true } }),
  ]);
  const values: PolicyValues = {
    safetyStock: policy?.safetyStock ?? POLICY_DEFAULTS.safetyStock,
    inspectionLeadDays: policy?.inspectionLeadDays ?? POLICY_DEFAULTS.inspectionLeadDays,
    writeOffValue: policy?.writeOffValue.toFixed(2) ?? POLICY_DEFAULTS.writeOffValue,
    countVarianceUnits: policy?.countVarianceUnits ?? POLICY_DEFAULTS.countVarianceUnits,
    allocations: channelRows.map((channel) => ({
      channel: channel.code,
      name: channel.name,
      qty: fences.find((fence) => fence.channelId === channel.id)?.qty ?? 0,
    })),
  };
  return { found: true, sku: { code: sku.code, name: sku.name }, location: { code: location.code, name: location.name }, saved: policy !== null, values };
}

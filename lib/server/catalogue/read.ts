import "server-only";
import { prisma, type Tx } from "@/lib/server/db";

// Master data as the API returns it: codes, not database ids.

export async function listSkus(db: Tx = prisma) {
  const rows = await db.sku.findMany({
    select: { code: true, name: true, category: true, uom: true, costingMethod: true, standardCost: true },
    orderBy: { code: "asc" },
  });
  return rows.map(({ code, standardCost, ...rest }) => ({ sku: code, ...rest, standardCost: standardCost?.toFixed(2) ?? null }));
}

export async function listLocations(db: Tx = prisma) {
  const rows = await db.location.findMany({
    select: { code: true, name: true, kind: true, bins: { select: { code: true }, orderBy: { code: "asc" } } },
    orderBy: { code: "asc" },
  });
  return rows.map((row) => ({ ...row, bins: row.bins.map((bin) => bin.code) }));
}

export function listChannels(db: Tx = prisma) {
  return db.channel.findMany({ select: { code: true, name: true }, orderBy: { code: "asc" } });
}

import "server-only";
import { CostingMethod } from "@/lib/generated/prisma/client";
import { prisma, type Tx } from "@/lib/server/db";
import type { Paged } from "./admin";
import { skuPage, type CostingCount, type SkuRow } from "./catalogue";

export type FinanceLanding = { skus: Paged<SkuRow>; costing: CostingCount[] };

/** The finance landing page: one page of SKUs (searched and paged in SQL) and the count per costing method. */
export async function financeLanding(filter: { q?: string; page: number }, db: Tx = prisma): Promise<FinanceLanding> {
  const [skus, grouped] = await Promise.all([
    skuPage(filter, db),
    db.sku.groupBy({ by: ["costingMethod"], _count: { _all: true }, orderBy: { costingMethod: "asc" } }),
  ]);
  // Every method is listed, including one no SKU uses yet, so the summary's shape is stable.
  const costing = Object.values(CostingMethod).map((method) => ({
    method,
    count: grouped.find((group) => group.costingMethod === method)?._count._all ?? 0,
  }));
  return { skus, costing };
}

// The finance reads live in ./finance/; this module is their one import point.
export { financeSku } from "./finance/sku";
export { valuationPage, valuationRows } from "./finance/valuation";
export { journalLines, journalCsv } from "./finance/journal";
export { trialBalance } from "./finance/trial-balance";
export { grniAging } from "./finance/grni";
export { valueHistory } from "./finance/history";
export { closedPeriods, closedPeriod } from "./finance/periods";
export type * from "./finance/types";

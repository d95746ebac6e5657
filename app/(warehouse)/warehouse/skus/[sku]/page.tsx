import type { Metadata } from "next";
import { SkuScreen } from "@/components/warehouse/sku-screen";
import { asOfParam, type SearchParams } from "@/components/warehouse/params";
import { EmptyState } from "@/components/ui/empty-state";
import { isDomainError } from "@/lib/domain/errors";
import { areaUser } from "@/lib/server/area";
import { skuWarehouse } from "@/lib/server/views/warehouse-sku";
import { pathParam } from "@/lib/server/api/handler";

export const metadata: Metadata = { title: "SKU · Warehouse" };

export default async function SkuPage({ params, searchParams }: { params: Promise<{ sku: string }>; searchParams: Promise<SearchParams> }) {
  if (!(await areaUser("warehouse"))) return null;
  const [{ sku }, query] = await Promise.all([params, searchParams]);
  const asOf = asOfParam(query);
  const data = await skuWarehouse(pathParam(sku), asOf).catch((error: unknown) => {
    if (isDomainError(error)) return error;
    throw error;
  });
  if (isDomainError(data)) return <EmptyState title={data.message}>Scan or type another SKU code on the warehouse home.</EmptyState>;
  return <SkuScreen data={data} asOf={asOf?.toISOString() ?? null} />;
}

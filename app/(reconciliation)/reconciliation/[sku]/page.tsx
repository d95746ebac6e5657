import type { Metadata } from "next";
import { SkuReconciliationScreen } from "@/components/reconciliation/sku-screen";
import { reader } from "@/components/reconciliation/access";
import { asOfParam, type SearchParams } from "@/components/warehouse/params";
import { EmptyState } from "@/components/ui/empty-state";
import { isDomainError } from "@/lib/domain/errors";
import { pathParam } from "@/lib/server/api/handler";
import { skuReconciliation } from "@/lib/server/views/reconciliation/sku";
import { PageLive } from "@/components/live/page-live";
import { lastSeq } from "@/lib/server/live/catch-up";
import { db } from "@/lib/server/sql";

export const metadata: Metadata = { title: "SKU · Reconciliation" };

export default async function SkuReconciliationPage({ params, searchParams }: { params: Promise<{ sku: string }>; searchParams: Promise<SearchParams> }) {
  const role = await reader();
  if (!role) return null;
  const [{ sku }, query] = await Promise.all([params, searchParams]);
  const asOf = asOfParam(query);
  // Read first: the figures below include at least this event.
  const seq = await lastSeq(db);
  const view = await skuReconciliation(pathParam(sku), { asOf }).catch((error: unknown) => {
    if (isDomainError(error)) return error;
    throw error;
  });
  if (isDomainError(view)) return <EmptyState title={view.message}>Pick a SKU from the reconciliation list.</EmptyState>;
  return (
    <>
      <PageLive seq={seq} skus={[view.sku.code]} />
      <SkuReconciliationScreen view={view} asOf={asOf?.toISOString() ?? null} role={role} />
    </>
  );
}

import type { Metadata } from "next";
import { SkuFinanceScreen } from "@/components/finance/sku-finance-screen";
import { asOfParam, type SearchParams } from "@/components/finance/params";
import { EmptyState } from "@/components/ui/empty-state";
import { isDomainError } from "@/lib/domain/errors";
import { areaUser } from "@/lib/server/area";
import { pathParam } from "@/lib/server/api/handler";
import { financeSku } from "@/lib/server/views/finance/sku";
import { valueHistory } from "@/lib/server/views/finance/history";
import { PageLive } from "@/components/live/page-live";
import { lastSeq } from "@/lib/server/live/catch-up";
import { db } from "@/lib/server/sql";

// The demo holds 90 days of history; a quarter is what a month-end review looks back on.
const HISTORY_DAYS = 90;

export const metadata: Metadata = { title: "SKU · Finance" };

export default async function FinanceSkuPage({ params, searchParams }: { params: Promise<{ sku: string }>; searchParams: Promise<SearchParams> }) {
  if (!(await areaUser("finance"))) return null;
  const [{ sku }, query] = await Promise.all([params, searchParams]);
  const asOf = asOfParam(query);
  const code = pathParam(sku);
  // Read first: the figures below include at least this event.
  const seq = await lastSeq(db);
  const data = await Promise.all([financeSku(code, { asOf: asOf ?? undefined }), valueHistory(code, { days: HISTORY_DAYS })]).catch((error: unknown) => {
    if (isDomainError(error)) return error;
    throw error;
  });
  if (isDomainError(data)) return <EmptyState title={data.message}>Pick a SKU from the valuation list.</EmptyState>;
  const [view, history] = data;
  return (
    <>
      <PageLive seq={seq} skus={[view.sku]} />
      <SkuFinanceScreen view={view} history={history} asOf={asOf?.toISOString() ?? null} />
    </>
  );
}

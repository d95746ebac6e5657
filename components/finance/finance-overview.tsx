import type { FinanceLanding } from "@/lib/server/views/finance";
import { PageHeader } from "@/components/ui/page-header";
import { CostingSummary } from "./costing-summary";
import { FinanceSkuList } from "./finance-sku-list";

export function FinanceOverview({ data, q }: { data: FinanceLanding; q: string }) {
  return (
    <>
      <PageHeader title="Finance overview" description="How each SKU is costed, and the standard costs in force." />
      <div className="grid gap-6">
        <CostingSummary costing={data.costing} />
        <FinanceSkuList skus={data.skus} q={q} />
      </div>
    </>
  );
}

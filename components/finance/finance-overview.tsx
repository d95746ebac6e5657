import type { FinanceOverviewData } from "@/lib/server/views/catalogue";
import { SkuTable } from "@/components/catalogue/sku-table";
import { PageHeader } from "@/components/ui/page-header";
import { CostingSummary } from "./costing-summary";

export function FinanceOverview({ data }: { data: FinanceOverviewData }) {
  return (
    <>
      <PageHeader title="Finance overview" description="How each SKU is costed, and the standard costs in force." />
      <div className="grid gap-6">
        <CostingSummary costing={data.costing} />
        <SkuTable skus={data.skus} showStandardCost />
      </div>
    </>
  );
}

import type { SalesOverviewData } from "@/lib/server/views/catalogue";
import { ChannelTable } from "@/components/catalogue/channel-table";
import { SkuTable } from "@/components/catalogue/sku-table";
import { PageHeader } from "@/components/ui/page-header";

export function SalesOverview({ data }: { data: SalesOverviewData }) {
  return (
    <>
      <PageHeader title="Sales overview" description="The channels you sell through and the catalogue you can offer." />
      <div className="grid gap-6">
        <ChannelTable channels={data.channels} />
        <SkuTable skus={data.skus} />
      </div>
    </>
  );
}

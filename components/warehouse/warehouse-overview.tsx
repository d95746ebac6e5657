import type { WarehouseOverviewData } from "@/lib/server/views/catalogue";
import { LocationTable } from "@/components/catalogue/location-table";
import { SkuTable } from "@/components/catalogue/sku-table";
import { PageHeader } from "@/components/ui/page-header";

export function WarehouseOverview({ data }: { data: WarehouseOverviewData }) {
  return (
    <>
      <PageHeader title="Warehouse overview" description="Where stock is kept, bin by bin, and what is stocked." />
      <div className="grid gap-6">
        <LocationTable locations={data.locations} />
        <SkuTable skus={data.skus} />
      </div>
    </>
  );
}

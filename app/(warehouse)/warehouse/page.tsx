import type { Metadata } from "next";
import { WarehouseOverview } from "@/components/warehouse/warehouse-overview";
import { areaUser } from "@/lib/server/area";
import { warehouseOverview } from "@/lib/server/views/catalogue";

export const metadata: Metadata = { title: "Warehouse" };

export default async function WarehouseOverviewPage() {
  // The layout shows "Not allowed"; this check keeps the page from reading data regardless.
  if (!(await areaUser("warehouse"))) return null;
  return <WarehouseOverview data={await warehouseOverview()} />;
}

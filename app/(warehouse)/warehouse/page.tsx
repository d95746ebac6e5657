import type { Metadata } from "next";
import { WarehouseOverview } from "@/components/warehouse/warehouse-overview";
import { areaUser } from "@/lib/server/area";
import { warehouseHome } from "@/lib/server/views/warehouse-home";

export const metadata: Metadata = { title: "Warehouse" };

export default async function WarehouseOverviewPage() {
  // The layout shows "Not allowed"; this check keeps the page from reading data regardless.
  if (!(await areaUser("warehouse"))) return null;
  return <WarehouseOverview data={await warehouseHome()} />;
}

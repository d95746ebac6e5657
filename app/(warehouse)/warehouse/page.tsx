import type { Metadata } from "next";
import { WarehouseOverview } from "@/components/warehouse/warehouse-overview";
import { areaUser } from "@/lib/server/area";
import { warehouseHome } from "@/lib/server/views/warehouse-home";
import { lastSeq } from "@/lib/server/live/catch-up";
import { db } from "@/lib/server/sql";

export const metadata: Metadata = { title: "Warehouse" };

export default async function WarehouseOverviewPage() {
  // The layout shows "Not allowed"; this check keeps the page from reading data regardless.
  if (!(await areaUser("warehouse"))) return null;
  // The ledger's last seq is read first: the figures reflect at least that event.
  const seq = await lastSeq(db);
  return <WarehouseOverview data={await warehouseHome()} asOfEvent={seq} />;
}

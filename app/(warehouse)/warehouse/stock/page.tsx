import type { Metadata } from "next";
import { StockGridScreen } from "@/components/warehouse/stock-grid-screen";
import { asOfParam, one, pageOf, type SearchParams } from "@/components/warehouse/params";
import { areaUser } from "@/lib/server/area";
import { stockGrid, warehouseLocations } from "@/lib/server/views/warehouse-stock";
import { lastSeq } from "@/lib/server/live/catch-up";
import { db } from "@/lib/server/sql";

export const metadata: Metadata = { title: "Stock · Warehouse" };

export default async function StockPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  if (!(await areaUser("warehouse"))) return null;
  const params = await searchParams;
  const q = one(params, "q") ?? "";
  const seq = await lastSeq(db);
  const [grid, locations] = await Promise.all([
    stockGrid({ location: one(params, "location"), q, page: pageOf(params), asOf: asOfParam(params) }),
    warehouseLocations(),
  ]);
  return <StockGridScreen asOfEvent={seq} grid={grid} locations={locations} q={q} missing={one(params, "missing")} />;
}

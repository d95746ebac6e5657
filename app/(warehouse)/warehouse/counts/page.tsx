import type { Metadata } from "next";
import { CountsScreen } from "@/components/warehouse/counts-screen";
import { one, type SearchParams } from "@/components/warehouse/params";
import { areaUser } from "@/lib/server/area";
import { countDue, recentCounts } from "@/lib/server/views/warehouse-counts";
import { warehouseLocations } from "@/lib/server/views/warehouse-stock";
import { lastSeq } from "@/lib/server/live/catch-up";
import { db } from "@/lib/server/sql";

export const metadata: Metadata = { title: "Cycle counts · Warehouse" };

export default async function CountsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  if (!(await areaUser("warehouse"))) return null;
  const params = await searchParams;
  const wanted = Number(one(params, "days"));
  const days = Number.isInteger(wanted) && wanted > 0 && wanted <= 3650 ? wanted : 30;
  const by = one(params, "by") === "velocity" ? "velocity" : "value";
  const seq = await lastSeq(db);
  const [counts, due, locations] = await Promise.all([recentCounts(), countDue({ days, by }), warehouseLocations()]);
  return <CountsScreen asOfEvent={seq} counts={counts} due={due} days={days} by={by} locations={locations} />;
}

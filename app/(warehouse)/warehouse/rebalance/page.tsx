import type { Metadata } from "next";
import { RebalanceScreen } from "@/components/warehouse/rebalance-screen";
import { one, pageOf, type SearchParams } from "@/components/warehouse/params";
import { normaliseScan } from "@/lib/domain/warehouse/scan";
import { areaUser } from "@/lib/server/area";
import { rebalanceSuggestions } from "@/lib/server/views/warehouse-rebalance";
import { lastSeq } from "@/lib/server/live/catch-up";
import { db } from "@/lib/server/sql";

export const metadata: Metadata = { title: "Rebalancing · Warehouse" };

export default async function RebalancePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  if (!(await areaUser("warehouse"))) return null;
  const query = await searchParams;
  const raw = one(query, "scan");
  const scan = raw ? normaliseScan(raw) : undefined;
  const seq = await lastSeq(db);
  const lines = await rebalanceSuggestions(db, new Date(), { scan, page: pageOf(query) });
  return <RebalanceScreen asOfEvent={seq} lines={lines} scan={scan} />;
}

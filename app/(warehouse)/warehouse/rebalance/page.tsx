import type { Metadata } from "next";
import { RebalanceScreen } from "@/components/warehouse/rebalance-screen";
import { one, type SearchParams } from "@/components/warehouse/params";
import { normaliseScan } from "@/lib/domain/warehouse/scan";
import { areaUser } from "@/lib/server/area";
import { rebalanceSuggestions } from "@/lib/server/views/warehouse-rebalance";
import { lastSeq } from "@/lib/server/live/catch-up";
import { db } from "@/lib/server/sql";

export const metadata: Metadata = { title: "Rebalancing · Warehouse" };

export default async function RebalancePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  if (!(await areaUser("warehouse"))) return null;
  const raw = one(await searchParams, "scan");
  const scan = raw ? normaliseScan(raw) : undefined;
  // Suggestions come from every location of a SKU at once, so the scan narrows what the rule suggested.
  const seq = await lastSeq(db);
  const all = await rebalanceSuggestions();
  const lines = scan ? all.filter((line) => line.sku === scan || line.from === scan || line.to === scan) : all;
  return <RebalanceScreen asOfEvent={seq} lines={lines} total={all.length} scan={scan} />;
}

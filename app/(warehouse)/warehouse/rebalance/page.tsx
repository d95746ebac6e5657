import type { Metadata } from "next";
import { RebalanceScreen } from "@/components/warehouse/rebalance-screen";
import { areaUser } from "@/lib/server/area";
import { COVER_DAYS, rebalanceSuggestions } from "@/lib/server/views/warehouse-rebalance";

export const metadata: Metadata = { title: "Rebalancing · Warehouse" };

export default async function RebalancePage() {
  if (!(await areaUser("warehouse"))) return null;
  return <RebalanceScreen lines={await rebalanceSuggestions()} coverDays={COVER_DAYS} />;
}

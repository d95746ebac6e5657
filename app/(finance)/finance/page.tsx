import type { Metadata } from "next";
import { FinanceOverview } from "@/components/finance/finance-overview";
import { areaUser } from "@/lib/server/area";
import { financeOverview } from "@/lib/server/views/catalogue";

export const metadata: Metadata = { title: "Finance" };

export default async function FinanceOverviewPage() {
  // The layout shows "Not allowed"; this check keeps the page from reading data regardless.
  if (!(await areaUser("finance"))) return null;
  return <FinanceOverview data={await financeOverview()} />;
}

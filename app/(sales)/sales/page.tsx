import type { Metadata } from "next";
import { SalesOverview } from "@/components/sales/sales-overview";
import { areaUser } from "@/lib/server/area";
import { salesOverview } from "@/lib/server/views/catalogue";

export const metadata: Metadata = { title: "Sales" };

export default async function SalesOverviewPage() {
  // The layout shows "Not allowed"; this check keeps the page from reading data regardless.
  if (!(await areaUser("sales"))) return null;
  return <SalesOverview data={await salesOverview()} />;
}

import type { Metadata } from "next";
import { FinanceOverview } from "@/components/finance/finance-overview";
import { areaUser } from "@/lib/server/area";
import { pageParam } from "@/lib/server/views/admin";
import { financeLanding } from "@/lib/server/views/finance";

export const metadata: Metadata = { title: "Finance" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function FinanceOverviewPage({ searchParams }: Props) {
  // The layout answers 403; this check keeps the page from reading data regardless.
  if (!(await areaUser("finance"))) return null;
  const query = await searchParams;
  const q = typeof query.q === "string" ? query.q.trim().slice(0, 100) : "";
  return <FinanceOverview data={await financeLanding({ q, page: pageParam(query.page) })} q={q} />;
}

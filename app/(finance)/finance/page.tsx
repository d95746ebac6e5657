import type { Metadata } from "next";
import { ValuationScreen } from "@/components/finance/valuation-screen";
import { asOfParam, one, pageOf, sortParam, textParam, type SearchParams } from "@/components/finance/params";
import { areaUser } from "@/lib/server/area";
import { grniAging } from "@/lib/server/views/finance/grni";
import { trialBalance } from "@/lib/server/views/finance/trial-balance";
import { valuationPage } from "@/lib/server/views/finance/valuation";
import { warehouseLocations } from "@/lib/server/views/warehouse-stock";
import { PageLive } from "@/components/live/page-live";
import { lastSeq } from "@/lib/server/live/catch-up";
import { db } from "@/lib/server/sql";

export const metadata: Metadata = { title: "Finance" };

export default async function FinanceOverviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // The layout answers 403; this check keeps the page from reading data regardless.
  if (!(await areaUser("finance"))) return null;
  const params = await searchParams;
  const asOf = asOfParam(params);
  const query = { q: textParam(params, "q"), location: one(params, "location"), ...sortParam(params), asOf: asOf?.toISOString() ?? null, page: pageOf(params) };
  const filtered = Boolean(query.q || query.location);
  const at = asOf ?? undefined;
  // Read first: the figures below include at least this event.
  const seq = await lastSeq(db);
  const [data, everything, grni, accounts, locations] = await Promise.all([
    valuationPage({ ...query, asOf: at }),
    // The tiles cover every SKU and location, whatever the table's filter.
    filtered ? valuationPage({ page: 1, asOf: at }) : null,
    grniAging({ asOf: at }),
    // The trial balance's `to` is exclusive; lines at the very moment belong to it.
    trialBalance({ to: asOf ? new Date(asOf.getTime() + 1) : undefined }),
    warehouseLocations(),
  ]);
  const totals = (everything ?? data).totals;
  const inTransit = accounts.rows.find((row) => row.account === "inventory_in_transit")?.balance ?? "0.00";
  const summary = { value: totals.value, owned: totals.owned, grni: { value: grni.value, documents: grni.total }, inTransit };
  return (
    <>
      <PageLive seq={seq} />
      <ValuationScreen data={data} summary={summary} locations={locations} query={query} />
    </>
  );
}

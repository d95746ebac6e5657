import type { Metadata } from "next";
import { ReconciliationListScreen } from "@/components/reconciliation/list-screen";
import { mayRead } from "@/components/reconciliation/access";
import { asOfParam, one, pageOf, type SearchParams } from "@/components/warehouse/params";
import { reconciliationList } from "@/lib/server/views/reconciliation/list";
import { PageLive } from "@/components/live/page-live";
import { lastSeq } from "@/lib/server/live/catch-up";
import { db } from "@/lib/server/sql";

export const metadata: Metadata = { title: "Reconciliation" };

export default async function ReconciliationPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  if (!(await mayRead())) return null;
  const params = await searchParams;
  const asOf = asOfParam(params);
  const q = (one(params, "q") ?? "").slice(0, 100);
  // Read first: the figures below include at least this event.
  const seq = await lastSeq(db);
  const data = await reconciliationList({ q, page: pageOf(params), asOf: asOf ?? undefined });
  return (
    <>
      <PageLive seq={seq} />
      <ReconciliationListScreen data={data} q={q} asOf={asOf?.toISOString() ?? null} />
    </>
  );
}

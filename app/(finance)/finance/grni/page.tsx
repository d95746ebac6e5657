import type { Metadata } from "next";
import { GrniScreen } from "@/components/finance/grni-screen";
import { asOfParam, pageOf, type SearchParams } from "@/components/finance/params";
import { areaUser } from "@/lib/server/area";
import { mayPost } from "@/lib/domain/authorise";
import { grniAging } from "@/lib/server/views/finance/grni";
import { PageLive } from "@/components/live/page-live";
import { lastSeq } from "@/lib/server/live/catch-up";
import { db } from "@/lib/server/sql";

export const metadata: Metadata = { title: "GRNI · Finance" };

export default async function GrniPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await areaUser("finance");
  if (!user) return null;
  const params = await searchParams;
  const asOf = asOfParam(params);
  // Read first: the figures below include at least this event.
  const seq = await lastSeq(db);
  const data = await grniAging({ asOf: asOf ?? undefined, page: pageOf(params) });
  return (
    <>
      <PageLive seq={seq} />
      <GrniScreen data={data} asOf={asOf?.toISOString() ?? null} canRecord={mayPost(user.role, "invoice.match")} />
    </>
  );
}

import type { Metadata } from "next";
import { OverviewScreen } from "@/components/overview/overview-screen";
import { can } from "@/lib/domain/roles";
import { currentUser } from "@/lib/server/session";
import { overview } from "@/lib/server/views/overview";
import { PageLive } from "@/components/live/page-live";
import { lastSeq } from "@/lib/server/live/catch-up";
import { db } from "@/lib/server/sql";

export const metadata: Metadata = { title: "Overview" };

// Live figures: read at every request, never prerendered.
export const dynamic = "force-dynamic";

export default async function OverviewPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const user = await currentUser();
  if (!user || !can(user.role, "trace.read")) return null;
  const page = Math.max(1, Math.floor(Number((await searchParams).page ?? 1)) || 1);
  const seq = await lastSeq(db);
  const data = await overview({ page });
  return (
    <>
      <PageLive seq={seq} />
      <OverviewScreen data={data} page={page} />
    </>
  );
}

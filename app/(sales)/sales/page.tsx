import type { Metadata } from "next";
import { SalesListScreen } from "@/components/sales/list/sales-list-screen";
import { queryText, resolveChannel } from "@/components/sales/resolve-channel";
import { UnknownChannel } from "@/components/sales/unknown-channel";
import { areaUser } from "@/lib/server/area";
import { pageParam } from "@/lib/server/views/admin";
import { salesList } from "@/lib/server/views/sales";
import { lastSeq } from "@/lib/server/live/catch-up";
import { db } from "@/lib/server/sql";

export const metadata: Metadata = { title: "Sales" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SalesPage({ searchParams }: Props) {
  // The layout refuses other roles; this check keeps the page from reading data regardless.
  if (!(await areaUser("sales"))) return null;
  const query = await searchParams;
  const q = queryText(query.q);
  const channel = await resolveChannel(queryText(query.channel) || undefined);
  if (!channel.known) return <UnknownChannel code={channel.code} channels={channel.channels} path="/sales" />;
  // The ledger's last seq is read first: the figures reflect at least that event.
  const seq = await lastSeq(db);
  return <SalesListScreen data={await salesList({ channel: channel.code, q, page: pageParam(query.page) })} q={q} asOfEvent={seq} />;
}

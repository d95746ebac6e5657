import type { Metadata } from "next";
import { JournalScreen } from "@/components/finance/journal-screen";
import { journalFilterOf, journalQueryOf } from "@/components/finance/journal-filter";
import type { SearchParams } from "@/components/finance/params";
import { isDomainError } from "@/lib/domain/errors";
import { areaUser } from "@/lib/server/area";
import { journalLines } from "@/lib/server/views/finance/journal";
import { trialBalance } from "@/lib/server/views/finance/trial-balance";
import { PageLive } from "@/components/live/page-live";
import { lastSeq } from "@/lib/server/live/catch-up";
import { db } from "@/lib/server/sql";

// Half the API's page: the trial balance above and a page of lines fit a review without endless scrolling.
const PAGE_SIZE = 25;

export const metadata: Metadata = { title: "Journal · Finance" };

export default async function JournalPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  if (!(await areaUser("finance"))) return null;
  const params = await searchParams;
  const query = journalQueryOf(params);
  const filter = journalFilterOf(query);
  // A filter that cannot mean anything is said, not silently dropped (which would show every line).
  const unreadable = (["from", "to"] as const).find((name) => typeof params[name] === "string" && params[name] !== "" && !query[name]);
  if (unreadable) {
    return <JournalScreen journal={null} balance={null} query={query} problem={`"${String(params[unreadable]).slice(0, 40)}" is not a day for ${unreadable === "from" ? "From" : "To"}: pick one, or write it as YYYY-MM-DD.`} />;
  }
  if (query.from && query.to && query.from > query.to) {
    return <JournalScreen journal={null} balance={null} query={query} problem={`From (${query.from}) is after To (${query.to}): no day lies between them. Swap them to see those days.`} />;
  }
  // Read first: the figures below include at least this event.
  const seq = await lastSeq(db);
  const data = await Promise.all([journalLines({ ...filter, page: query.page, limit: PAGE_SIZE }), trialBalance(filter)]).catch((error: unknown) => {
    if (isDomainError(error)) return error;
    throw error;
  });
  // An unknown SKU is said in words, with the filters kept for correcting it.
  if (isDomainError(data)) return <JournalScreen journal={null} balance={null} query={query} problem={data.message} />;
  const [journal, balance] = data;
  return (
    <>
      <PageLive seq={seq} />
      <JournalScreen journal={journal} balance={balance} query={query} />
    </>
  );
}

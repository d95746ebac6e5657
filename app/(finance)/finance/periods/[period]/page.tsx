import type { Metadata } from "next";
import { PeriodScreen } from "@/components/finance/period-screen";
import { pageOf, type SearchParams } from "@/components/finance/params";
import { EmptyState } from "@/components/ui/empty-state";
import { isDomainError } from "@/lib/domain/errors";
import { isPeriod } from "@/lib/domain/periods";
import { areaUser } from "@/lib/server/area";
import { closedPeriod } from "@/lib/server/views/finance/periods";

export const metadata: Metadata = { title: "Closed period · Finance" };

export default async function ClosedPeriodPage({ params, searchParams }: { params: Promise<{ period: string }>; searchParams: Promise<SearchParams> }) {
  if (!(await areaUser("finance"))) return null;
  const [{ period }, query] = await Promise.all([params, searchParams]);
  if (!isPeriod(period)) return <EmptyState title={`“${period.slice(0, 20)}” is not a month.`}>Months are written YYYY-MM, for example 2026-10.</EmptyState>;
  const closed = await closedPeriod(period, { page: pageOf(query) }).catch((error: unknown) => {
    if (isDomainError(error)) return error;
    throw error;
  });
  if (isDomainError(closed)) return <EmptyState title={closed.message}>Its figures are stored when it is closed, on the Periods page.</EmptyState>;
  return <PeriodScreen period={closed} />;
}

import type { Metadata } from "next";
import { PeriodsScreen } from "@/components/finance/periods-screen";
import { can } from "@/lib/domain/roles";
import { periodOf } from "@/lib/domain/periods";
import { areaUser } from "@/lib/server/area";
import { closedPeriods } from "@/lib/server/views/finance/periods";

export const metadata: Metadata = { title: "Periods · Finance" };

/** The month before this one (UTC): the one usually closed next. */
function lastEndedMonth(now: Date): string {
  return periodOf(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)));
}

export default async function PeriodsPage() {
  const user = await areaUser("finance");
  if (!user) return null;
  // Admins read the closes; only finance may close one.
  return <PeriodsScreen periods={await closedPeriods()} suggested={lastEndedMonth(new Date())} canClose={can(user.role, "period.close")} />;
}

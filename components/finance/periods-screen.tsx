import Link from "next/link";
import type { ClosedPeriodSummary } from "@/lib/server/views/finance/types";
import { TimeText } from "@/components/admin/time-text";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ReflowTable, type ReflowColumn } from "@/components/ui/reflow-table";
import { ClosePeriodForm } from "./close-period-form";
import { periodName } from "./labels";
import { Money } from "./money";

const COLUMNS: ReflowColumn<ClosedPeriodSummary>[] = [
  { header: "Period", cell: (p) => <Link href={`/finance/periods/${p.period}`} className="font-medium text-accent-700 hover:underline">{periodName(p.period)}</Link> },
  { header: "Closed", cell: (p) => <span className="grid"><TimeText iso={p.closedAt} /><span className="text-xs text-muted">by {p.closedBy}</span></span> },
  { header: "Owned", align: "right", cell: (p) => p.owned },
  { header: "Inventory value", align: "right", cell: (p) => <Money value={p.value} className="font-medium" /> },
  { header: "Journal", align: "right", cell: (p) => (p.balanced ? <Badge tone="positive">Balanced</Badge> : <Badge tone="warning">Out of balance</Badge>) },
];

/** Closed months, newest first, and the form that closes the next one. */
export function PeriodsScreen({ periods, suggested, canClose }: { periods: ClosedPeriodSummary[]; suggested: string; canClose: boolean }) {
  return (
    <>
      <PageHeader title="Periods" description="A closed month is frozen: its month-end valuation and trial balance are stored as they were, and an event dated into it is refused." />
      <div className="grid gap-6">
        {canClose && (
          <Card title="Close a month" description="Usually the month that just ended. Only a month that has ended can be closed.">
            <div className="-m-5"><ClosePeriodForm suggested={suggested} closed={periods.map((p) => p.period)} /></div>
          </Card>
        )}
        <Card title="Closed periods" description={periods.length ? `${periods.length} closed, newest first` : undefined} flush>
          <ReflowTable caption="Closed periods" columns={COLUMNS} rows={periods} rowKey={(p) => p.period} rowTestId="closed-period" empty="No period has been closed yet." />
        </Card>
      </div>
    </>
  );
}

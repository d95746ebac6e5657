import Link from "next/link";
import type { ClosedPeriod, ValuationRow } from "@/lib/server/views/finance/types";
import { TimeText } from "@/components/admin/time-text";
import { Pager } from "@/components/admin/pager";
import { CostingMethodBadge } from "@/components/catalogue/costing-method";
import { Card } from "@/components/ui/card";
import { CodeText } from "@/components/ui/code-text";
import { PageHeader } from "@/components/ui/page-header";
import { ReflowTable, type ReflowColumn } from "@/components/ui/reflow-table";
import { Stat } from "@/components/ui/stat";
import { periodName } from "./labels";
import { Money, UnitCost, unitsText } from "./money";
import { TrialBalanceTable } from "./trial-balance-table";

const COLUMNS: ReflowColumn<ValuationRow>[] = [
  {
    header: "SKU",
    cell: (row) => (
      <span className="grid">
        <CodeText>{row.sku}</CodeText>
        <span className="max-w-56 truncate text-xs text-muted">{row.name}</span>
      </span>
    ),
  },
  { header: "Location", cell: (row) => <CodeText>{row.location}</CodeText> },
  { header: "Method", cell: (row) => <CostingMethodBadge method={row.method} /> },
  { header: "Owned", align: "right", cell: (row) => row.owned },
  { header: "Valued", align: "right", cell: (row) => row.valued },
  { header: "Value", align: "right", cell: (row) => <Money value={row.value} className="font-medium" /> },
  { header: "Unit cost", align: "right", cell: (row) => <UnitCost value={row.unitCost} /> },
];

/** What the close stored, read back as stored: never recomputed, so it cannot drift from what was reported. */
export function PeriodScreen({ period }: { period: ClosedPeriod }) {
  const end = `${periodName(period.period)} month-end`;
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/finance/periods" className="text-accent-700 hover:underline">← Periods</Link></p>
      <PageHeader
        title={periodName(period.period)}
        description={<>Closed <TimeText iso={period.closedAt} /> by {period.closedBy}. The figures below were stored by the close and never change.</>}
      />
      <dl className="mb-6 grid gap-4 sm:grid-cols-3" aria-label="Stored at the close">
        <Stat label="Inventory value" value={<Money value={period.valuation.value} className="max-sm:text-xl" />} hint={end} />
        <Stat label="Owned units" value={<span className="max-sm:text-xl">{unitsText(period.valuation.owned)}</span>} hint={end} />
        <Stat label="Journal" value={period.trialBalance.balanced ? "Balanced" : "Out of balance"} hint={<>Debits <Money value={period.trialBalance.debit} /> · credits <Money value={period.trialBalance.credit} /></>} />
      </dl>
      <div className="grid gap-6">
        <Card title="Trial balance" description="Every journal line up to the end of the month, per account." flush>
          <TrialBalanceTable balance={period.trialBalance} caption={`Stored trial balance of ${period.period}`} />
        </Card>
        <Card title="Valuation" description="Per SKU and location at the end of the month." flush>
          <ReflowTable caption={`Stored valuation of ${period.period}`} columns={COLUMNS} rows={period.valuation.rows} rowKey={(row) => `${row.sku}@${row.location}`} rowTestId="period-valuation-row" phoneColumns={3} empty="Nothing was owned at the end of that month." />
          <Pager page={period.valuation.page} pageCount={period.valuation.pageCount} total={period.valuation.total} noun="rows" href={(page) => `/finance/periods/${period.period}${page > 1 ? `?page=${page}` : ""}`} />
        </Card>
      </div>
    </>
  );
}

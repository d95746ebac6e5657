import Link from "next/link";
import type { FinanceSkuView, ValuationRow, ValueHistoryPoint } from "@/lib/server/views/finance/types";
import type { InternalState } from "@/lib/domain/states";
import { CostingMethodBadge } from "@/components/catalogue/costing-method";
import { Card } from "@/components/ui/card";
import { CodeText } from "@/components/ui/code-text";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ReflowTable, type ReflowColumn } from "@/components/ui/reflow-table";
import { Stat } from "@/components/ui/stat";
import { STATE_LABEL, whenText } from "@/components/warehouse/format";
import { AsOfBanner, AsOfForm } from "./as-of";
import { LayersTable } from "./layers-table";
import { Money, sumMoney, UnitCost, unitsText } from "./money";
import { InTransitTable, TimingBuckets } from "./timing-buckets";
import { ValueHistoryChart } from "./value-history-chart";

const LOCATION_COLUMNS: ReflowColumn<ValuationRow>[] = [
  { header: "Location", cell: (row) => <CodeText>{row.location}</CodeText> },
  { header: "Owned", align: "right", cell: (row) => row.owned },
  { header: "Valued", align: "right", cell: (row) => row.valued },
  { header: "Value", align: "right", cell: (row) => <Money value={row.value} className="font-medium" /> },
];

const units = (qty: number) => `${qty} ${qty === 1 ? "unit" : "units"}`;

function OwnedByState({ view }: { view: FinanceSkuView }) {
  const entries = Object.entries(view.ownedByState).filter(([, qty]) => qty) as [InternalState, number][];
  if (entries.length === 0) return <EmptyState title="Nothing owned at this moment." />;
  return (
    <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-3 lg:grid-cols-2" data-testid="owned-by-state">
      {entries.map(([state, qty]) => (
        <div key={state} className="flex items-baseline justify-between gap-2 border-b border-line pb-1">
          <dt className="text-muted">{STATE_LABEL[state] ?? state}</dt>
          <dd className="font-medium tabular-nums">{qty}</dd>
        </div>
      ))}
    </dl>
  );
}

type Props = { view: FinanceSkuView; history: ValueHistoryPoint[]; asOf: string | null };

export function SkuFinanceScreen({ view, history, asOf }: Props) {
  const base = `/finance/skus/${encodeURIComponent(view.sku)}`;
  const { inbound, transfer, outbound } = view.inTransitOwned;
  const transit = { qty: inbound.qty + transfer.qty + outbound.qty, value: sumMoney([inbound.value, transfer.value, outbound.value]) };
  return (
    <>
      <p className="mb-2 text-sm"><Link href={asOf ? `/finance?asOf=${encodeURIComponent(asOf)}` : "/finance"} className="text-accent-700 hover:underline">← Valuation</Link></p>
      <PageHeader
        title={`${view.sku} · ${view.name}`}
        description={
          <span className="inline-flex flex-wrap items-center gap-x-3 gap-y-1">
            <CostingMethodBadge method={view.method} />
            <span title="What a unit entering now would cost: the newest FIFO layer's, the running average, or the standard">Current unit cost <strong className="text-ink"><UnitCost value={view.unitCost} /></strong></span>
            {view.method === "standard" && <span>Standard cost <strong className="text-ink"><UnitCost value={view.standardCost} /></strong></span>}
            <span>{asOf ? <>As of <strong>{whenText(asOf)}</strong></> : "Now"}</span>
          </span>
        }
      />
      <div className="mb-4"><AsOfForm action={base} asOf={asOf} /></div>
      <AsOfBanner asOf={asOf} />
      <dl className="mb-6 grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4" aria-label="Valuation of this SKU">
        <Stat label="Owned" value={<span className="max-sm:text-xl">{unitsText(view.owned)}</span>} hint="Physical, plus owned in transit" />
        <Stat label="Value" value={<Money value={view.value} className="max-sm:text-xl" />} hint="Equals the inventory accounts" />
        <Stat label="Pool" value={<Money value={view.pool.value} className="max-sm:text-xl" />} hint={`${units(view.pool.qty)} costed together, all locations`} />
        <Stat label="Owned in transit" value={<Money value={transit.value} className="max-sm:text-xl" />} hint={`${units(transit.qty)} on the road`} />
      </dl>
      <div className="grid gap-6">
        <Card title="Value over time" description={`Inventory value at the end of each day (at cost), with owned units, over the last ${history.length} days${asOf ? "; the dashed line marks the moment shown above" : ""}.`}>
          {history.length ? <ValueHistoryChart points={history} asOfDay={asOf?.slice(0, 10)} /> : <EmptyState title="No value history yet." />}
        </Card>
        <div className="grid gap-6 lg:grid-cols-3">
          <div className="lg:col-span-2">
            <Card title={view.method === "fifo" ? "Cost layers" : "Cost pool"} description={view.method === "fifo" ? "Oldest first: the next issue takes from the top." : "One pool across every location; a transfer moves units, not value."} flush>
              <LayersTable view={view} />
            </Card>
          </div>
          <Card title="Owned units by state">
            <OwnedByState view={view} />
          </Card>
        </div>
        <Card title="Timing buckets" description="Beside the valuation: what waits on an invoice, a delivery, an inspection or a decision." flush>
          <TimingBuckets view={view} />
        </Card>
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Value per location" description="The pool shared by each location's valued units, plus goods in transit at their cost." flush>
            <ReflowTable caption="Value per location" columns={LOCATION_COLUMNS} rows={view.locations} rowKey={(row) => row.location} empty="Nothing owned at any location." />
          </Card>
          <Card title="Owned in transit" flush>
            <InTransitTable view={view} />
          </Card>
        </div>
      </div>
    </>
  );
}

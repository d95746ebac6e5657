import { moneyText } from "@/components/finance/money";
import { whenText } from "@/components/warehouse/format";
import { Card } from "@/components/ui/card";
import { ReflowTable, type ReflowColumn } from "@/components/ui/reflow-table";
import type { PeriodCheck } from "@/lib/server/views/reconciliation/sku";
import { IDENTITY_TITLE, Remainder } from "./format";

/** Each closed month: what its close stored against the reconciliation of its last instant. */
export function PeriodsCard({ periods }: { periods: PeriodCheck[] }) {
  const columns: ReflowColumn<PeriodCheck>[] = [
    { header: "Period", cell: (p) => <span className="font-medium" title={whenText(p.end)}>{p.period}</span> },
    { header: "Owned (stored / now read)", phoneLabel: "Owned", align: "right", cell: (p) => <Pair a={p.stored.owned.toLocaleString("en-GB")} b={p.asOf.owned.toLocaleString("en-GB")} /> },
    { header: "Value (stored / now read)", phoneLabel: "Value", align: "right", cell: (p) => <Pair a={moneyText(p.stored.value)} b={moneyText(p.asOf.value)} /> },
    {
      header: "Unexplained at the end", phoneLabel: "Unexplained", full: true,
      cell: (p) => (
        <span className="flex flex-wrap gap-1 sm:justify-end">
          {p.unexplained.map((u) => <Remainder key={`${u.name}-${u.channel}`} value={u.unexplained} label={`${IDENTITY_TITLE[u.name].split(" → ")[1]}${u.channel ? ` ${u.channel}` : ""}`} />)}
        </span>
      ),
    },
  ];
  return (
    <Card title="Closed periods" description="The valuation each close stored, beside the same figures read again as of the month's last instant." flush>
      <ReflowTable caption="Closed periods" columns={columns} rows={periods} rowKey={(p) => p.period} empty="No period is closed yet." />
    </Card>
  );
}

function Pair({ a, b }: { a: string; b: string }) {
  return <span className={`tabular-nums ${a === b ? "" : "font-semibold text-danger-700"}`}>{a} / {b}</span>;
}

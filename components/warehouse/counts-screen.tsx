import Link from "next/link";
import type { CountDue, CountEntry } from "@/lib/server/views/warehouse-counts";
import type { LocationOption } from "@/lib/server/views/warehouse-stock";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { CodeText } from "@/components/ui/code-text";
import { Table, type Column } from "@/components/ui/table";
import { PageHeader } from "@/components/ui/page-header";
import { CountForm } from "./count-form";
import { whenText } from "./format";
import { WarehouseLive } from "./warehouse-live";
import { IfMayPost } from "@/components/shell/role-provider";

const STATUS: Record<CountEntry["status"], { tone: BadgeTone; text: string }> = {
  posted: { tone: "positive", text: "Posted (within tolerance)" },
  pending: { tone: "warning", text: "Waiting for approval" },
  approved: { tone: "positive", text: "Approved" },
  rejected: { tone: "neutral", text: "Rejected" },
};

const signed = (n: number | null) => (n === null ? "—" : n > 0 ? `+${n}` : String(n));

const COUNT_COLUMNS: Column<CountEntry>[] = [
  { header: "When", cell: (c) => <span className="whitespace-nowrap text-muted">{whenText(c.countedAt)}</span> },
  { header: "SKU", cell: (c) => <Link href={`/warehouse/skus/${c.sku}`} className="text-accent-700 hover:underline"><CodeText>{c.sku}</CodeText></Link> },
  { header: "Where", cell: (c) => <CodeText>{c.bin ? `${c.location} · ${c.bin}` : c.location}</CodeText> },
  { header: "Counted", align: "right", cell: (c) => c.countedQty ?? "—" },
  { header: "Expected", align: "right", cell: (c) => c.expected ?? "—" },
  { header: "Variance", align: "right", cell: (c) => <span className={c.variance ? "font-semibold" : "text-muted"}>{signed(c.variance)}</span> },
  { header: "Counted by", cell: (c) => c.countedBy },
  { header: "Status", cell: (c) => <Badge tone={STATUS[c.status].tone}>{STATUS[c.status].text}</Badge> },
  { header: "Approved by", cell: (c) => c.decidedBy ?? <span className="text-muted">—</span> },
];

const DUE_COLUMNS: Column<CountDue>[] = [
  { header: "SKU", cell: (d) => <><Link href={`/warehouse/skus/${d.sku}`} className="text-accent-700 hover:underline"><CodeText>{d.sku}</CodeText></Link> <span className="text-xs text-muted">{d.name}</span></> },
  { header: "Location", cell: (d) => <CodeText>{d.location}</CodeText> },
  { header: "Usable", align: "right", cell: (d) => d.onHand },
  { header: "Value", align: "right", cell: (d) => d.value },
  { header: "Shipped 30 d", align: "right", cell: (d) => d.shipped30 },
  { header: "Last counted", cell: (d) => (d.lastCounted ? <span className="whitespace-nowrap">{whenText(d.lastCounted)}</span> : <span className="text-amber-800">never</span>) },
];

type Props = { counts: CountEntry[]; due: CountDue[]; days: number; by: "value" | "velocity"; locations: LocationOption[]; asOfEvent: number };

export function CountsScreen({ asOfEvent, counts, due, days, by, locations }: Props) {
  const link = (d: number, b: string) => `/warehouse/counts?days=${d}&by=${b}`;
  const pill = (current: boolean) => `rounded-full px-3 py-1 text-xs font-medium ${current ? "bg-accent-700 text-white" : "bg-surface ring-1 ring-line hover:bg-canvas"}`;
  return (
    <>
      <PageHeader title="Cycle counts" description="Count what is physically there. A variance within the day's tolerance posts at once; beyond it, another warehouse user approves it." />
      <WarehouseLive seq={asOfEvent} />
      <div className="grid gap-6">
        <Card title="Record a count">
          <IfMayPost type="count">
            <CountForm locations={locations} />
          </IfMayPost>
        </Card>
        <Card title="Recent counts" description="Who counted, the variance against the ledger, and who approved it." flush>
          <Table caption="Recent counts" columns={COUNT_COLUMNS} rows={counts} rowKey={(c) => c.id} empty="No counts yet." />
        </Card>
        <Card
          title="Count due"
          description={
            <span className="flex flex-wrap items-center gap-2">
              Not counted for
              {[7, 30, 90].map((d) => <Link key={d} href={link(d, by)} aria-current={d === days ? "true" : undefined} className={pill(d === days)}>{d} days</Link>)}
              · by
              {(["value", "velocity"] as const).map((b) => <Link key={b} href={link(days, b)} aria-current={b === by ? "true" : undefined} className={pill(b === by)}>{b}</Link>)}
            </span>
          }
          flush
        >
          <Table caption="SKUs due for a count" columns={DUE_COLUMNS} rows={due} rowKey={(d) => `${d.sku}|${d.location}`} empty={`Everything with stock was counted in the last ${days} days.`} />
        </Card>
      </div>
    </>
  );
}

import type { ApprovalView } from "@/lib/server/ledger/approval-store";
import { TimeText } from "@/components/admin/time-text";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { CodeText } from "@/components/ui/code-text";
import { Table, type Column } from "@/components/ui/table";
import { Money } from "@/components/finance/money";
import { quantityText, typeLabel } from "./decider";

const dash = <span className="text-muted">—</span>;

function Who({ name, iso }: { name: string | undefined; iso: string | null }) {
  return (
    <span className="grid">
      {name ?? "—"}
      <span className="text-xs text-muted"><TimeText iso={iso} /></span>
    </span>
  );
}

const COLUMNS: Column<ApprovalView>[] = [
  {
    header: "Request",
    cell: (a) => (
      <span className="grid">
        <span className="font-medium whitespace-nowrap">{typeLabel(a.type)}</span>
        <span className="flex items-center gap-1.5 text-xs text-muted">
          {a.sku && <CodeText>{a.sku}</CodeText>}
          {a.qty !== null && <span className="whitespace-nowrap">{quantityText(a.qty)}</span>}
        </span>
      </span>
    ),
  },
  { header: "Value", align: "right", cell: (a) => (a.amount === null ? dash : <Money value={a.amount} />) },
  {
    header: "Decision",
    cell: (a) => (a.status === "approved" ? <Badge tone="positive">Approved</Badge> : <Badge>Rejected</Badge>),
  },
  { header: "Requested", cell: (a) => <Who name={a.requestedBy.name} iso={a.requestedAt} /> },
  { header: "Decided", cell: (a) => <Who name={a.decidedBy?.name} iso={a.decidedAt} /> },
  { header: "Note", cell: (a) => (a.decisionNote ? <span className="block min-w-40">{a.decisionNote}</span> : dash) },
  // The posted event's ledger sequence number, to find it in the trace.
  { header: "Event", align: "right", cell: (a) => (a.eventSeq !== null ? <CodeText>{`#${a.eventSeq}`}</CodeText> : dash) },
];

export function ApprovalHistory({ approvals, limit }: { approvals: ApprovalView[]; limit: number }) {
  return (
    <Card title="Decided" description={`The latest ${limit} decisions, newest first`} flush>
      <Table caption="Decided requests" columns={COLUMNS} rows={approvals} rowKey={(a) => a.id} empty="No decisions yet." />
    </Card>
  );
}

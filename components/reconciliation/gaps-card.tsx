import Link from "next/link";
import { moneyText } from "@/components/finance/money";
import { whenText } from "@/components/warehouse/format";
import { Card } from "@/components/ui/card";
import { ReflowTable, type ReflowColumn } from "@/components/ui/reflow-table";
import type { Gap } from "@/lib/domain/reconciliation/types";
import { can, type Role } from "@/lib/domain/roles";
import { GAP } from "./gap-links";

const ageText = (days: number | null) => (days === null ? "—" : days === 1 ? "1 day" : `${days} days`);

/** What is waiting on someone, the longest wait first, each with the queue that clears it. */
export function GapsCard({ gaps, role }: { gaps: Gap[]; role: Role }) {
  const clearedBy = (g: Gap) => {
    const gap = GAP[g.kind];
    if (can(role, gap.area)) return <Link href={gap.href} className="text-accent-700 hover:underline">{gap.clears} →</Link>;
    return <span className="text-muted">{gap.clears} ({gap.area.slice("area.".length)} team)</span>;
  };
  const columns: ReflowColumn<Gap>[] = [
    { header: "Waiting", cell: (g) => <span className="font-medium">{GAP[g.kind].label}</span> },
    { header: "Age", align: "right", cell: (g) => <span className="tabular-nums" title={g.since ? whenText(g.since) : undefined}>{ageText(g.ageDays)}</span> },
    { header: "Where", cell: (g) => <span>{g.location}{g.doc && <span className="block text-xs text-muted">{g.doc}</span>}</span> },
    { header: "Units", align: "right", cell: (g) => <span className="tabular-nums">{g.qty.toLocaleString("en-GB")}</span> },
    { header: "Value", align: "right", cell: (g) => <span className="tabular-nums">{g.value ? moneyText(g.value) : "—"}</span> },
    { header: "Cleared by", full: true, cell: clearedBy },
  ];
  return (
    <Card title="Timing gaps" description="Units and value between two views until someone acts: the oldest first." flush>
      <ReflowTable caption="Timing gaps" columns={columns} rows={gaps} rowKey={(g) => `${g.kind}|${g.location}|${g.doc}`} rowTestId="gap-row" empty="Nothing is waiting." />
    </Card>
  );
}

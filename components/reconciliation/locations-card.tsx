import { Card } from "@/components/ui/card";
import { ReflowTable, type ReflowColumn } from "@/components/ui/reflow-table";
import type { Identity } from "@/lib/domain/reconciliation/types";
import { amountText, IDENTITY_TITLE, Remainder } from "./format";

/** The per-location lines the company figures roll up from; value has none (one pool per SKU). */
export function LocationsCard({ identities }: { identities: Identity[] }) {
  const columns: ReflowColumn<Identity>[] = [
    { header: "Location", cell: (i) => <span className="font-medium">{i.location}</span> },
    { header: "Identity", cell: (i) => <span>{IDENTITY_TITLE[i.name]}{i.channel ? ` · ${i.channel}` : ""}</span> },
    { header: "Left", align: "right", cell: (i) => <span className="tabular-nums">{amountText(i.left)}</span> },
    { header: "Buckets", align: "right", cell: (i) => <span className="tabular-nums">{amountText(i.buckets.reduce((t, b) => t + (b.qty ?? 0), 0))}</span> },
    { header: "Right", align: "right", cell: (i) => <span className="tabular-nums">{amountText(i.right)}</span> },
    { header: "Unexplained", align: "right", cell: (i) => <Remainder value={i.unexplained} /> },
  ];
  return (
    <Card title="Per location" description="Each location's identities; the cards above are their sums." flush>
      <ReflowTable caption="Identities per location" columns={columns} rows={identities} rowKey={(i) => `${i.name}|${i.location}|${i.channel}`} phoneColumns={3} />
    </Card>
  );
}

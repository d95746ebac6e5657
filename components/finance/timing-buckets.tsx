import type { Bucket, FinanceSkuView } from "@/lib/server/views/finance/types";
import { ReflowTable, type ReflowColumn } from "@/components/ui/reflow-table";
import { Money } from "./money";

type Row = { key: string; label: string; meaning: string; bucket: Bucket };

const COLUMNS: ReflowColumn<Row>[] = [
  {
    header: "Bucket",
    cell: (row) => (
      <span className="grid">
        <span className="font-medium">{row.label}</span>
        <span className="text-xs text-muted">{row.meaning}</span>
      </span>
    ),
  },
  { header: "Units", align: "right", cell: (row) => row.bucket.qty },
  { header: "Value", align: "right", cell: (row) => <Money value={row.bucket.value} /> },
];

/** Beside the valuation: what is owned or received but waits on a document or a decision (inventory-model §4). */
export function TimingBuckets({ view }: { view: FinanceSkuView }) {
  const rows: Row[] = [
    { key: "grni", label: "Received, not invoiced", meaning: "GRNI at PO cost, until the supplier's invoice is matched", bucket: view.grni },
    { key: "shipped", label: "Shipped, not invoiced", meaning: "Owned on the way to customers (FOB destination), at the cost it shipped with", bucket: view.shippedNotInvoiced },
    { key: "returns", label: "Returns pending inspection", meaning: "Owned, not in the value until inspected; the value is what they would bring back", bucket: view.returnsPendingInspection },
    { key: "damage", label: "Damage pending write-off", meaning: "Valued until the write-off is approved", bucket: view.pendingWriteOff },
  ];
  return <ReflowTable caption="Timing buckets" columns={COLUMNS} rows={rows} rowKey={(row) => row.key} rowTestId="timing-bucket" />;
}

export function InTransitTable({ view }: { view: FinanceSkuView }) {
  const { inbound, transfer, outbound } = view.inTransitOwned;
  const rows: Row[] = [
    { key: "inbound", label: "From suppliers", meaning: "Shipped to us under FOB shipping point, at PO cost", bucket: inbound },
    { key: "transfer", label: "Between our sites", meaning: "In the pool: a transfer moves units, not value", bucket: transfer },
    { key: "outbound", label: "To customers", meaning: "Shipped under FOB destination, not yet delivered", bucket: outbound },
  ];
  return <ReflowTable caption="Owned in transit" columns={COLUMNS} rows={rows} rowKey={(row) => row.key} />;
}

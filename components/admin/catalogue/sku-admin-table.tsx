import Link from "next/link";
import type { SkuRow } from "@/lib/server/views/catalogue";
import { CostingMethodBadge } from "@/components/catalogue/costing-method";
import { CodeText } from "@/components/ui/code-text";
import { Table, type Column } from "@/components/ui/table";

const COLUMNS: Column<SkuRow>[] = [
  { header: "Code", cell: (sku) => <CodeText>{sku.code}</CodeText> },
  { header: "Name", cell: (sku) => sku.name },
  { header: "Category", cell: (sku) => <span className="capitalize">{sku.category}</span> },
  { header: "Costing", cell: (sku) => <CostingMethodBadge method={sku.costingMethod} /> },
  { header: "Standard cost", align: "right", cell: (sku) => sku.standardCost ?? <span className="text-muted">—</span> },
  {
    header: "Policy",
    align: "right",
    cell: (sku) => (
      <Link href={`/admin/policies?sku=${encodeURIComponent(sku.code)}`} className="text-sm font-medium text-accent-800 hover:underline" aria-label={`Stock policy for ${sku.code}`}>
        Stock policy
      </Link>
    ),
  },
];

export function SkuAdminTable({ skus, q }: { skus: SkuRow[]; q: string }) {
  return (
    <Table caption="SKUs" columns={COLUMNS} rows={skus} rowKey={(sku) => sku.id} empty={q ? `No SKU matches “${q}”.` : "No SKUs in the catalogue yet."} />
  );
}

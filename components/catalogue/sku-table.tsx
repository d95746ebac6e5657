import type { SkuRow } from "@/lib/server/views/catalogue";
import { Card } from "@/components/ui/card";
import { CodeText } from "@/components/ui/code-text";
import { Table, type Column } from "@/components/ui/table";
import { CostingMethodBadge } from "./costing-method";

const BASE_COLUMNS: Column<SkuRow>[] = [
  { header: "Code", cell: (sku) => <CodeText>{sku.code}</CodeText> },
  { header: "Name", cell: (sku) => sku.name },
  { header: "Category", cell: (sku) => <span className="capitalize">{sku.category}</span> },
  { header: "Costing method", cell: (sku) => <CostingMethodBadge method={sku.costingMethod} /> },
];

const STANDARD_COST: Column<SkuRow> = {
  header: "Standard cost",
  align: "right",
  // Only standard-costed SKUs carry one; a dash says "not applicable" rather than zero.
  cell: (sku) => sku.standardCost ?? <span className="text-muted">—</span>,
};

export function SkuTable({ skus, showStandardCost = false }: { skus: SkuRow[]; showStandardCost?: boolean }) {
  const columns = showStandardCost ? [...BASE_COLUMNS, STANDARD_COST] : BASE_COLUMNS;
  return (
    <Card title="SKU catalogue" description={`${skus.length} SKUs`} flush>
      <Table caption="SKU catalogue" columns={columns} rows={skus} rowKey={(sku) => sku.id} empty="No SKUs in the catalogue yet." />
    </Card>
  );
}

import type { Paged } from "@/lib/server/views/admin";
import type { SkuRow } from "@/lib/server/views/catalogue";
import { CostingMethodBadge } from "@/components/catalogue/costing-method";
import { Pager } from "@/components/admin/pager";
import { Card } from "@/components/ui/card";
import { CodeText } from "@/components/ui/code-text";
import { SearchForm } from "@/components/ui/search-form";
import { Table, type Column } from "@/components/ui/table";

const COLUMNS: Column<SkuRow>[] = [
  { header: "Code", cell: (sku) => <CodeText>{sku.code}</CodeText> },
  { header: "Name", cell: (sku) => sku.name },
  { header: "Category", cell: (sku) => <span className="capitalize">{sku.category}</span> },
  { header: "Costing method", cell: (sku) => <CostingMethodBadge method={sku.costingMethod} /> },
  // Only standard-costed SKUs carry one; a dash says "not applicable" rather than zero.
  { header: "Standard cost", align: "right", cell: (sku) => sku.standardCost ?? <span className="text-muted">—</span> },
];

/** One page of the catalogue with its costing, searched by code or name; the query and page live in the URL. */
export function FinanceSkuList({ skus, q }: { skus: Paged<SkuRow>; q: string }) {
  const href = (page: number) => `/finance?${new URLSearchParams({ ...(q ? { q } : {}), page: String(page) })}`;
  return (
    <Card title="SKU catalogue" description={q ? `Matching “${q}”` : "All SKUs, by code"} flush>
      <SearchForm action="/finance" q={q} label="Search SKUs" placeholder="Search by code or name" />
      <div className="border-t border-line">
        <Table caption="SKU catalogue" columns={COLUMNS} rows={skus.rows} rowKey={(sku) => sku.id} empty={q ? `No SKU matches “${q}”.` : "No SKUs in the catalogue yet."} />
      </div>
      <Pager {...skus} noun="SKUs" href={href} />
    </Card>
  );
}

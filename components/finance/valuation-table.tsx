import Link from "next/link";
import type { ReactNode } from "react";
import type { ValuationPage, ValuationRow, ValuationSort } from "@/lib/server/views/finance/types";
import { CostingMethodBadge } from "@/components/catalogue/costing-method";
import { CodeText } from "@/components/ui/code-text";
import { EmptyState } from "@/components/ui/empty-state";
import { Money, UnitCost } from "./money";
import { skuHref, sortHref, VALUATION_SORTS, type ValuationQuery } from "./valuation-href";

type Column = {
  header: string;
  sort?: ValuationSort;
  right?: boolean;
  cell: (row: ValuationRow, asOf: string | null) => ReactNode;
  total?: (totals: ValuationPage["totals"]) => ReactNode;
};

const COLUMNS: Column[] = [
  {
    header: "SKU",
    sort: "sku",
    cell: (row, asOf) => (
      <span className="grid">
        <Link href={skuHref(row.sku, asOf)} className="text-accent-700 hover:underline"><CodeText>{row.sku}</CodeText></Link>
        <span className="max-w-56 truncate text-xs text-muted">{row.name}</span>
      </span>
    ),
  },
  { header: "Location", sort: "location", cell: (row) => <CodeText>{row.location}</CodeText> },
  { header: "Method", cell: (row) => <CostingMethodBadge method={row.method} /> },
  { header: "Owned", sort: "owned", right: true, cell: (row) => row.owned, total: (t) => t.owned },
  { header: "Valued", right: true, cell: (row) => (row.valued === row.owned ? row.valued : <span title="Returns pending inspection are owned but not valued yet">{row.valued}*</span>), total: (t) => t.valued },
  { header: "Value", sort: "value", right: true, cell: (row) => <Money value={row.value} className="font-medium" />, total: (t) => <Money value={t.value} className="font-semibold" /> },
  // The SKU's current cost, not value ÷ owned: under FIFO the newest layer's.
  { header: "Current cost", sort: "unitCost", right: true, cell: (row) => <UnitCost value={row.unitCost} /> },
];

function SortHeader({ column, query }: { column: Column; query: ValuationQuery }) {
  if (!column.sort) return <>{column.header}</>;
  const active = query.sort === column.sort;
  const arrow = active ? (query.dir === "asc" ? "▲" : "▼") : "";
  return (
    <Link href={sortHref(query, column.sort)} className={`inline-flex items-center gap-1 hover:text-ink ${active ? "text-ink" : ""}`} data-testid={`sort-${column.sort}`}>
      {column.header}
      <span aria-hidden="true" className="text-[0.6rem]">{arrow}</span>
      {active && <span className="sr-only">{query.dir === "asc" ? "(ascending)" : "(descending)"}</span>}
    </Link>
  );
}

/**
 * Valuation by SKU and location, one page of it, sorted by the column headers
 * (links: the order is the server's). Below `sm` each row becomes a card, as in
 * ReflowTable; the totals row covers every page of the filter, not just this one.
 */
export function ValuationTable({ data, query }: { data: ValuationPage; query: ValuationQuery }) {
  if (data.rows.length === 0) {
    return <EmptyState title={query.q || query.location ? "Nothing owned matches these filters." : "Nothing is owned at this moment."}>Owned units appear here once a PO is received (or shipped to us under FOB shipping point).</EmptyState>;
  }
  const align = (column: Column) => (column.right ? "sm:text-right" : "text-left");
  return (
    <div className="sm:overflow-x-auto">
      <table className="min-w-full text-sm max-sm:block" data-testid="valuation-table">
        <caption className="sr-only">Valuation by SKU and location, sorted by {VALUATION_SORTS[query.sort]} {query.dir === "asc" ? "ascending" : "descending"}</caption>
        <thead className="bg-canvas max-sm:sr-only">
          <tr>
            {COLUMNS.map((column) => (
              <th
                key={column.header}
                scope="col"
                aria-sort={column.sort && query.sort === column.sort ? (query.dir === "asc" ? "ascending" : "descending") : undefined}
                className={`px-5 py-2 text-xs font-semibold tracking-wide whitespace-nowrap text-muted uppercase ${align(column)}`}
              >
                <SortHeader column={column} query={query} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-line max-sm:block">
          {data.rows.map((row) => (
            <tr key={`${row.sku}@${row.location}`} data-testid="valuation-row" data-sku={row.sku} className="hover:bg-canvas/60 max-sm:grid max-sm:grid-cols-3 max-sm:gap-x-4 max-sm:gap-y-2 max-sm:px-5 max-sm:py-3">
              {COLUMNS.map((column, index) => (
                <td key={column.header} className={`px-5 py-2.5 align-top max-sm:block max-sm:p-0 ${align(column)} ${index === 0 ? "max-sm:col-span-2" : ""}`}>
                  {index > 0 && <span className="block text-xs font-medium text-muted sm:hidden">{column.header}</span>}
                  {column.cell(row, query.asOf)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t-2 border-line bg-canvas font-semibold max-sm:block">
          <tr data-testid="valuation-totals" className="max-sm:grid max-sm:grid-cols-3 max-sm:gap-x-4 max-sm:px-5 max-sm:py-3">
            <th scope="row" colSpan={3} className="px-5 py-2.5 text-left max-sm:col-span-full max-sm:block max-sm:p-0">
              Total <span className="font-normal text-muted">· {data.total} {data.total === 1 ? "row" : "rows"}, every page</span>
            </th>
            {COLUMNS.slice(3).map((column) => (
              <td key={column.header} className="px-5 py-2.5 sm:text-right max-sm:block max-sm:p-0">
                {column.total && <span className="block text-xs font-medium text-muted sm:hidden">{column.header}</span>}
                {column.total?.(data.totals)}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

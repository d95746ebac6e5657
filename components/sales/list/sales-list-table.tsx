import Link from "next/link";
import type { SalesListRow } from "@/lib/server/views/sales";
import { Badge } from "@/components/ui/badge";
import { CodeText } from "@/components/ui/code-text";
import { ReflowTable, type ReflowColumn } from "@/components/ui/reflow-table";
import { shortDay } from "../format";
import { Dash, QtyText } from "../qty-text";

function columns(channel: string): ReflowColumn<SalesListRow>[] {
  const skuHref = (row: SalesListRow) => `/sales/skus/${encodeURIComponent(row.sku)}?channel=${encodeURIComponent(channel)}`;
  return [
    {
      header: "SKU",
      cell: (row) => (
        <Link href={skuHref(row)} className="group block">
          <span className="block font-medium text-accent-800 group-hover:underline">{row.name}</span>
          <span className="block text-xs text-muted">
            <CodeText>{row.sku}</CodeText> · <span className="capitalize">{row.category}</span>
          </span>
        </Link>
      ),
    },
    {
      header: "Available to promise",
      phoneLabel: "To promise",
      align: "right",
      cell: (row) => <span className={`text-base font-semibold tabular-nums ${row.atp === 0 ? "text-muted" : ""}`} data-testid="row-atp">{row.atp}</span>,
    },
    {
      header: "Shortfall",
      align: "right",
      cell: (row) =>
        row.shortfall < 0 ? (
          <span title="Committed or set aside beyond the stock at a location">
            <QtyText value={row.shortfall} />
          </span>
        ) : (
          <Dash />
        ),
    },
    { header: "On hand", align: "right", cell: (row) => <span className="tabular-nums">{row.onHand}</span> },
    { header: "Committed", align: "right", cell: (row) => <span className="tabular-nums">{row.committed}</span> },
    {
      header: "Incoming",
      align: "right",
      cell: (row) => (
        <span className="inline-flex flex-col sm:items-end">
          {row.incoming > 0 ? <span className="tabular-nums">{row.incoming}</span> : <Dash />}
          {row.nextIncoming && (
            <span className="text-xs whitespace-nowrap text-muted">
              next {shortDay(row.nextIncoming.date)} · +{row.nextIncoming.qty}
            </span>
          )}
          {row.overdueIncoming > 0 && (
            <Badge tone="warning" className="mt-0.5 whitespace-nowrap" title="Due already and not received: not counted until it arrives">
              {row.overdueIncoming} overdue
            </Badge>
          )}
        </span>
      ),
    },
  ];
}

export function SalesListTable({ rows, channel, q }: { rows: SalesListRow[]; channel: string; q: string }) {
  return (
    <ReflowTable
      caption="SKUs with what can be promised"
      columns={columns(channel)}
      rows={rows}
      rowKey={(row) => row.sku}
      rowTestId="sales-row"
      phoneColumns={3}
      empty={q ? `No SKU matches “${q}”.` : "No SKUs in the catalogue yet."}
    />
  );
}

import type { ReactNode } from "react";
import { EmptyState } from "./empty-state";
import { ScrollArea } from "./scroll-area";

export type Column<Row> = {
  header: string;
  cell: (row: Row) => ReactNode;
  /** Numbers and money align right so their digits line up. */
  align?: "left" | "right";
};

type Props<Row> = {
  /** Read by screen readers; tables sit under a visible card title. */
  caption: string;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  empty?: string;
};

export function Table<Row>({ caption, columns, rows, rowKey, empty = "Nothing here yet." }: Props<Row>) {
  if (rows.length === 0) return <EmptyState title={empty} />;
  const alignClass = (column: Column<Row>) => (column.align === "right" ? "text-right" : "text-left");
  return (
    // Wider than the screen (a phone), the table scrolls sideways under a visible hint.
    <ScrollArea label={caption}>
      <table className="min-w-full text-sm max-sm:w-max">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-canvas">
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col" className={`px-4 py-2 text-xs font-semibold tracking-wide whitespace-nowrap text-muted uppercase sm:px-5 ${alignClass(column)}`}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {rows.map((row) => (
            <tr key={rowKey(row)} className="hover:bg-canvas/60">
              {columns.map((column) => (
                <td key={column.header} className={`px-4 py-2.5 align-top sm:px-5 ${alignClass(column)}`}>
                  {/* On a phone the table scrolls anyway: cells keep their natural width (up to 16rem) instead of wrapping word by word. */}
                  <div className="max-sm:max-w-64">{column.cell(row)}</div>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  );
}

import type { CSSProperties } from "react";
import type { Column } from "./table";
import { EmptyState } from "./empty-state";

export type ReflowColumn<Row> = Column<Row> & {
  /** At phone width the cell takes the whole card's width (long text, actions). */
  full?: boolean;
  /** A shorter label for the phone card, where a cell is a third of the width. */
  phoneLabel?: string;
};

/**
 * Where a table is wider than its card (a narrow column of a grid), a shadow on
 * the cut edge says there is more to scroll to. CSS only: the covers scroll with
 * the content and hide a shadow once its edge is reached.
 */
const SCROLL_SHADOWS: CSSProperties = {
  background: [
    "linear-gradient(to right, var(--color-surface) 30%, transparent) left center / 3rem 100% no-repeat local",
    "linear-gradient(to left, var(--color-surface) 30%, transparent) right center / 3rem 100% no-repeat local",
    "radial-gradient(farthest-side at 0 50%, oklch(0 0 0 / 0.14), transparent) left center / 1rem 100% no-repeat scroll",
    "radial-gradient(farthest-side at 100% 50%, oklch(0 0 0 / 0.14), transparent) right center / 1rem 100% no-repeat scroll",
  ].join(", "),
};

type Props<Row> = {
  caption: string;
  columns: ReflowColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  empty?: string;
  /** A test id on each row, for specs that look for one row. */
  rowTestId?: string;
  /** Labelled pairs per line in the phone card. */
  phoneColumns?: 2 | 3;
};

/**
 * A table that reflows at phone width: each row becomes a card whose first cell
 * is its title and whose other cells are labelled pairs, two to a line. One DOM
 * for both widths, so nothing is rendered twice; from `sm` up it is a plain table.
 */
export function ReflowTable<Row>({ caption, columns, rows, rowKey, empty = "Nothing here yet.", rowTestId, phoneColumns = 2 }: Props<Row>) {
  if (rows.length === 0) return <EmptyState title={empty} />;
  const align = (column: Column<Row>) => (column.align === "right" ? "sm:text-right" : "text-left");
  return (
    <div className="sm:overflow-x-auto" style={SCROLL_SHADOWS}>
    <table className="min-w-full text-sm max-sm:block">
      <caption className="sr-only">{caption}</caption>
      <thead className="bg-canvas max-sm:sr-only">
        <tr>
          {columns.map((column) => (
            <th key={column.header} scope="col" className={`px-5 py-2 text-xs font-semibold tracking-wide whitespace-nowrap text-muted uppercase ${align(column)}`}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-line max-sm:block">
        {rows.map((row) => (
          <tr key={rowKey(row)} data-testid={rowTestId} className={`hover:bg-canvas/60 max-sm:grid ${phoneColumns === 3 ? "max-sm:grid-cols-3" : "max-sm:grid-cols-2"} max-sm:gap-x-4 max-sm:gap-y-2 max-sm:px-5 max-sm:py-3`}>
            {columns.map((column, index) => {
              const title = index === 0;
              return (
                <td
                  key={column.header}
                  className={`px-5 py-2.5 align-top max-sm:block max-sm:p-0 ${align(column)} ${title || column.full ? "max-sm:col-span-full" : ""}`}
                >
                  {!title && <span className="block text-xs font-medium text-muted sm:hidden">{column.phoneLabel ?? column.header}</span>}
                  {column.cell(row)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}

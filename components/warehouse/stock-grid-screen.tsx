import Link from "next/link";
import type { LocationOption, StockGrid } from "@/lib/server/views/warehouse-stock";
import { GRID_STATES } from "@/lib/domain/warehouse/stock-grid";
import { Pager } from "@/components/admin/pager";
import { controlClass } from "@/components/admin/form/field";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { CodeText } from "@/components/ui/code-text";
import { STATE_LABEL, localInput, whenText } from "./format";
import { WarehouseLive } from "./warehouse-live";

type Props = { grid: StockGrid; locations: LocationOption[]; q: string; missing?: string; asOfEvent: number };

const num = (qty: number | undefined) => (qty ? qty : <span className="text-slate-300">·</span>);

export function StockGridScreen({ grid, locations, q, missing, asOfEvent }: Props) {
  const query = (page: number) => {
    const params = new URLSearchParams({ location: grid.location.code, ...(q ? { q } : {}), ...(grid.asOf ? { asOf: grid.asOf } : {}), page: String(page) });
    return `/warehouse/stock?${params}`;
  };
  const skuHref = (sku: string) => `/warehouse/skus/${encodeURIComponent(sku)}${grid.asOf ? `?asOf=${encodeURIComponent(grid.asOf)}` : ""}`;
  return (
    <>
      <PageHeader
        title={`Stock at ${grid.location.code}`}
        description={
          <>
            {grid.location.name} · every SKU here by state. <strong>On hand</strong> is everything in the building; <strong>usable</strong> is available plus committed.
            {grid.asOf ? <> As of <strong>{whenText(grid.asOf)}</strong>.</> : " Now."}
          </>
        }
      />
      <WarehouseLive seq={asOfEvent} />
      {missing && (
        <p role="alert" className="mb-4 rounded-md bg-danger-50 px-3 py-2 text-sm text-danger-700">
          No SKU has the code {missing}. Below: SKUs at {grid.location.code} whose code or name contains “{q}”.
        </p>
      )}
      <form method="get" action="/warehouse/stock" role="search" aria-label="Filter stock" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-line bg-surface p-4 shadow-xs">
        <label className="text-sm font-medium">
          Location
          <select name="location" defaultValue={grid.location.code} className={`mt-1 ${controlClass}`}>
            {locations.map((location) => (
              <option key={location.code} value={location.code}>{`${location.code} · ${location.name}`}</option>
            ))}
          </select>
        </label>
        <label className="min-w-48 flex-1 text-sm font-medium">
          SKU code or name
          <input type="search" name="q" defaultValue={q} placeholder="CHAIR or oak" autoComplete="off" className={`mt-1 ${controlClass}`} />
        </label>
        <label className="text-sm font-medium">
          As of (UTC)
          <input type="datetime-local" name="asOf" defaultValue={localInput(grid.asOf)} className={`mt-1 ${controlClass}`} />
        </label>
        <button type="submit" className="rounded-md bg-accent-700 px-4 py-2 text-sm font-medium text-white hover:bg-accent-800">Show</button>
        {(q || grid.asOf) && (
          <Link href={`/warehouse/stock?location=${grid.location.code}`} className="py-2 text-sm font-medium text-accent-700 hover:underline">Clear</Link>
        )}
      </form>
      <section aria-label={`Stock grid for ${grid.location.code}`} className="overflow-hidden rounded-lg border border-line bg-surface shadow-xs">
        {grid.rows.length === 0 ? (
          <EmptyState title={q ? `No SKU matching “${q}” has stock at ${grid.location.code}.` : `Nothing at ${grid.location.code}${grid.asOf ? " at that moment" : ""}.`} />
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm" data-testid="stock-grid">
              <caption className="sr-only">Units per SKU and state at {grid.location.code}</caption>
              <thead className="bg-canvas text-xs text-muted">
                <tr>
                  <th scope="col" className="sticky left-0 bg-canvas px-3 py-2 text-left font-semibold">SKU</th>
                  <th scope="col" className="border-l border-line px-2 py-2 text-right font-semibold whitespace-nowrap text-ink">On hand</th>
                  <th scope="col" className="border-r border-line px-2 py-2 text-right font-semibold text-ink">Usable</th>
                  {GRID_STATES.map((state) => (
                    <th key={state} scope="col" className="px-2 py-2 text-right font-semibold whitespace-nowrap">{STATE_LABEL[state]}</th>
                  ))}
                  <th scope="col" className="border-l border-line px-2 py-2 text-right font-semibold whitespace-nowrap" title="Transfers on their way here">Transit in</th>
                  <th scope="col" className="px-3 py-2 text-right font-semibold whitespace-nowrap" title="Transfers shipped from here, not yet received">Transit out</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-line">
                {grid.rows.map((row) => (
                  <tr key={row.sku} className="hover:bg-canvas/60" data-testid="stock-row" data-sku={row.sku}>
                    <th scope="row" className="sticky left-0 bg-surface px-3 py-2 text-left font-normal">
                      <Link href={skuHref(row.sku)} className="text-accent-700 hover:underline"><CodeText>{row.sku}</CodeText></Link>
                      <div className="max-w-40 truncate text-xs text-muted">{row.name}</div>
                    </th>
                    <td className="border-l border-line px-2 py-2 text-right font-semibold" data-testid="on-hand">{row.onHand}</td>
                    <td className="border-r border-line px-2 py-2 text-right font-semibold" data-testid="usable">{row.usable}</td>
                    {GRID_STATES.map((state) => (
                      <td key={state} className="px-2 py-2 text-right">{num(row.states[state])}</td>
                    ))}
                    <td className="border-l border-line px-2 py-2 text-right" data-testid="transit-in">{num(row.transitIn)}</td>
                    <td className="px-3 py-2 text-right" data-testid="transit-out">{num(row.transitOut)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager page={grid.page} pageCount={grid.pageCount} total={grid.total} noun="SKUs" href={query} />
      </section>
    </>
  );
}

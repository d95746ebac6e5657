import Link from "next/link";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import type { TracePage } from "@/lib/server/views/trace-types";
import { inputClass } from "./sku-picker";
import { TraceEntryRow } from "./trace-entry";

type Query = { reference: string; from: string; to: string };

/** The page's address with the filter kept and one cursor: the filter lives in the URL, so a trace can be shared. */
function hrefOf(sku: string, query: Query, cursor: { after?: number; before?: number } = {}, hash = "") {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, ...cursor })) if (value !== "" && value !== undefined) params.set(key, String(value));
  const search = params.toString();
  return `/trace/${encodeURIComponent(sku)}${search ? `?${search}` : ""}${hash}`;
}

function Filters({ sku, query }: { sku: string; query: Query }) {
  const field = (name: keyof Query, label: string, placeholder: string) => (
    <div className="min-w-0 flex-1 basis-40">
      <label htmlFor={`trace-${name}`} className="mb-1 block text-xs font-medium text-muted">{label}</label>
      <input id={`trace-${name}`} name={name} defaultValue={query[name]} placeholder={placeholder} className={inputClass} autoComplete="off" />
    </div>
  );
  return (
    <form method="get" action={`/trace/${encodeURIComponent(sku)}`} className="flex flex-wrap items-end gap-2 px-4 py-3 sm:px-5" aria-label="Filter the trace">
      {field("reference", "Document", "PO, order line, RMA or transfer")}
      {field("from", "From", "2026-03-01")}
      {field("to", "To", "2026-03-31")}
      <button type="submit" className="rounded-md bg-accent-700 px-4 py-2 text-sm font-medium text-white hover:bg-accent-800">Show</button>
      {(query.reference || query.from || query.to) && <Link href={hrefOf(sku, { reference: "", from: "", to: "" })} className="px-2 py-2 text-sm text-muted hover:text-ink">Clear</Link>}
    </form>
  );
}

export function TraceScreen({ page, query }: { page: TracePage; query: Query }) {
  const filtered = Boolean(query.reference || query.from || query.to);
  // A linked event may sit on another page: open the page that starts at it.
  const eventHref = (seq: number) => hrefOf(page.sku, { reference: "", from: "", to: "" }, { after: seq - 1 }, `#event-${seq}`);
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/trace" className="text-accent-700 hover:underline">← Another SKU</Link></p>
      <PageHeader
        title={`Trace · ${page.sku}`}
        description={<>{page.name}. Every event in the order it was posted, with its effect on the warehouse, sales and finance views (change → number after it) and its journal lines.{filtered && " Filtered: the numbers after each event are still the SKU's own, counting the events not shown."}</>}
      />
      <Card title="Timeline" flush description={query.reference ? <>Following <strong>{query.reference}</strong></> : undefined}>
        <Filters sku={page.sku} query={query} />
        {page.entries.length === 0 ? (
          <EmptyState title={filtered ? "No event matches this filter." : "No events yet for this SKU."} />
        ) : (
          <ol className="divide-y divide-line border-t border-line" data-testid="trace-timeline">
            {page.entries.map((entry) => <TraceEntryRow key={entry.group} entry={entry} href={eventHref} />)}
          </ol>
        )}
        <nav aria-label="trace pages" className="flex items-center justify-between gap-2 border-t border-line px-4 py-3 text-sm sm:px-5">
          {page.previous !== null ? <Link href={hrefOf(page.sku, query, { before: page.previous })} className="text-accent-700 hover:underline">← Earlier events</Link> : <span />}
          {page.next !== null ? <Link href={hrefOf(page.sku, query, { after: page.next })} className="text-accent-700 hover:underline">Later events →</Link> : <span />}
        </nav>
      </Card>
    </>
  );
}

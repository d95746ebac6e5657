import Link from "next/link";
import { controlClass } from "@/components/admin/form/field";

/** A plain GET form: search and channel live in the URL, so a result can be shared and paged. */
export function SalesSearch({ q, channel }: { q: string; channel: string }) {
  return (
    <form method="get" action="/sales" role="search" className="flex flex-1 flex-wrap items-center gap-2">
      <input type="hidden" name="channel" value={channel} />
      <div className="min-w-48 flex-1">
        <label htmlFor="sales-search" className="sr-only">Search SKUs</label>
        <input id="sales-search" name="q" type="search" defaultValue={q} placeholder="Search by code or name" className={controlClass} />
      </div>
      <button type="submit" className="rounded-md border border-line bg-surface px-4 py-2 text-sm font-medium hover:bg-canvas">Search</button>
      {q && (
        <Link href={`/sales?channel=${encodeURIComponent(channel)}`} className="px-2 py-2 text-sm text-muted hover:text-ink">
          Clear
        </Link>
      )}
    </form>
  );
}

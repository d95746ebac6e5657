import Link from "next/link";
import { controlClass } from "../form/field";

/** A plain GET form: the query lives in the URL, so a search can be bookmarked and paged. */
export function SkuSearch({ q }: { q: string }) {
  return (
    <form method="get" action="/admin/catalogue" role="search" className="flex flex-wrap items-end gap-2 px-5 py-3">
      <div className="min-w-60 flex-1">
        <label htmlFor="sku-search" className="sr-only">Search SKUs</label>
        <input id="sku-search" name="q" type="search" defaultValue={q} placeholder="Search by code or name" className={controlClass} />
      </div>
      <button type="submit" className="rounded-md border border-line bg-surface px-4 py-2 text-sm font-medium hover:bg-canvas">Search</button>
      {q && <Link href="/admin/catalogue" className="px-2 py-2 text-sm text-muted hover:text-ink">Clear</Link>}
    </form>
  );
}

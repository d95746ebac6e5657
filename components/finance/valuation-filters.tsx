import Link from "next/link";
import type { LocationOption } from "@/lib/server/views/warehouse-stock";
import { controlClass } from "@/components/admin/form/field";
import { localInput } from "@/components/warehouse/format";
import { firstDir, sortHref, VALUATION_SORTS, type ValuationQuery } from "./valuation-href";
import type { ValuationSort } from "@/lib/server/views/finance/types";

/** Search, location and moment in one GET form; the sort rides along so filtering keeps the order. */
export function ValuationFilters({ query, locations }: { query: ValuationQuery; locations: LocationOption[] }) {
  const filtered = Boolean(query.q || query.location || query.asOf);
  return (
    <form method="get" action="/finance" role="search" aria-label="Filter the valuation" className="flex flex-wrap items-end gap-3 px-5 py-3">
      <input type="hidden" name="sort" value={query.sort} />
      <input type="hidden" name="dir" value={query.dir} />
      <label className="min-w-48 flex-1 text-sm font-medium">
        SKU code or name
        <input type="search" name="q" defaultValue={query.q} placeholder="CHAIR or oak" autoComplete="off" className={`mt-1 ${controlClass}`} />
      </label>
      <label className="text-sm font-medium">
        Location
        <select name="location" defaultValue={query.location ?? ""} className={`mt-1 ${controlClass}`}>
          <option value="">Every location</option>
          {locations.map((location) => (
            <option key={location.code} value={location.code}>{`${location.code} · ${location.name}`}</option>
          ))}
        </select>
      </label>
      <label className="text-sm font-medium">
        As of (UTC)
        <input type="datetime-local" name="asOf" defaultValue={localInput(query.asOf)} className={`mt-1 ${controlClass}`} />
      </label>
      <button type="submit" className="rounded-md bg-accent-700 px-4 py-2 text-sm font-medium text-white hover:bg-accent-800">Show</button>
      {filtered && <Link href="/finance" className="py-2 text-sm font-medium text-accent-700 hover:underline">Clear</Link>}
    </form>
  );
}

/** At phone width the column headers are hidden (rows are cards), so the sort is offered as links. */
export function PhoneSort({ query }: { query: ValuationQuery }) {
  return (
    <nav aria-label="Sort the valuation" className="flex flex-wrap items-center gap-2 border-t border-line px-5 py-2 text-xs sm:hidden">
      <span className="text-muted">Sort:</span>
      {(Object.keys(VALUATION_SORTS) as ValuationSort[]).map((sort) => {
        const active = query.sort === sort;
        const arrow = active ? (query.dir === "asc" ? " ▲" : " ▼") : "";
        return (
          <Link
            key={sort}
            href={sortHref(query, sort)}
            aria-current={active ? "true" : undefined}
            title={active ? "Reverse the order" : `Sort by ${VALUATION_SORTS[sort]} (${firstDir(sort) === "asc" ? "A→Z" : "biggest first"})`}
            className={`rounded-full px-2 py-0.5 font-medium ${active ? "bg-accent-700 text-white" : "ring-1 ring-line text-muted"}`}
          >
            {VALUATION_SORTS[sort]}{arrow}
          </Link>
        );
      })}
    </nav>
  );
}

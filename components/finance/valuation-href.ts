// The valuation list's URL: every filter, the sort and the moment live in it.
import type { ValuationSort } from "@/lib/server/views/finance/types";

export type SortDir = "asc" | "desc";

export type ValuationQuery = { q: string; location?: string; sort: ValuationSort; dir: SortDir; asOf: string | null; page: number };

export const VALUATION_SORTS: Record<ValuationSort, string> = {
  sku: "SKU",
  location: "Location",
  owned: "Owned",
  value: "Value",
  unitCost: "Unit cost",
};

/** Text reads A→Z first; figures biggest first, which is what a finance reader looks for. */
export const firstDir = (sort: ValuationSort): SortDir => (sort === "sku" || sort === "location" ? "asc" : "desc");

export function valuationHref(query: ValuationQuery, change: Partial<ValuationQuery> = {}): string {
  const next = { ...query, ...change };
  const params = new URLSearchParams();
  if (next.q) params.set("q", next.q);
  if (next.location) params.set("location", next.location);
  if (next.sort !== "sku" || next.dir !== "asc") {
    params.set("sort", next.sort);
    params.set("dir", next.dir);
  }
  if (next.asOf) params.set("asOf", next.asOf);
  if (next.page > 1) params.set("page", String(next.page));
  const search = params.toString();
  return search ? `/finance?${search}` : "/finance";
}

/** A column header's link: the current column flips its direction, another starts at its natural one. */
export function sortHref(query: ValuationQuery, sort: ValuationSort): string {
  const dir = query.sort === sort ? (query.dir === "asc" ? "desc" : "asc") : firstDir(sort);
  return valuationHref(query, { sort, dir, page: 1 });
}

export function skuHref(sku: string, asOf: string | null): string {
  return `/finance/skus/${encodeURIComponent(sku)}${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ""}`;
}

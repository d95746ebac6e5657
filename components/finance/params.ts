// Reading the finance pages' search params; odd values read as absent, never as an error page.
import type { ValuationSort } from "@/lib/server/views/finance/types";
import { one, type SearchParams } from "@/components/warehouse/params";
import { firstDir, VALUATION_SORTS, type SortDir } from "./valuation-href";

export { asOfParam, one, pageOf, type SearchParams } from "@/components/warehouse/params";

export function sortParam(params: SearchParams): { sort: ValuationSort; dir: SortDir } {
  const raw = one(params, "sort");
  const sort = raw && raw in VALUATION_SORTS ? (raw as ValuationSort) : "sku";
  const dir = one(params, "dir");
  return { sort, dir: dir === "asc" || dir === "desc" ? dir : firstDir(sort) };
}

/** A business day "YYYY-MM-DD" that exists, else absent. */
export function dayParam(params: SearchParams, name: string): string | undefined {
  const raw = one(params, name);
  if (!raw || !/^\d{4}-\d{2}-\d{2}$/.test(raw)) return undefined;
  const date = new Date(`${raw}T00:00:00Z`);
  // Year 1000 up to the day before 9999-12-31, as the API: a "to" day's end must still be a date the views can name.
  const inRange = raw >= "1000-01-01" && raw < "9999-12-31";
  return inRange && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(raw) ? raw : undefined;
}

/** Free text from the URL, bounded, so a pasted essay is not a query. */
export function textParam(params: SearchParams, name: string, max = 100): string {
  return (one(params, name) ?? "").slice(0, max);
}

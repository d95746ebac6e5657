// The journal's filters, in the URL: the screen, its pager and the CSV download read the same ones.
import type { Account } from "@/lib/server/views/finance/types";

export type JournalQuery = { from?: string; to?: string; sku?: string; account?: Account; page: number };

function params(query: Omit<JournalQuery, "page">): URLSearchParams {
  const search = new URLSearchParams();
  for (const name of ["from", "to", "sku", "account"] as const) {
    const value = query[name];
    if (value) search.set(name, value);
  }
  return search;
}

export function journalHref(query: JournalQuery, page = query.page): string {
  const search = params(query);
  if (page > 1) search.set("page", String(page));
  const text = search.toString();
  return text ? `/finance/journal?${text}` : "/finance/journal";
}

export function journalCsvHref(query: JournalQuery): string {
  const text = params(query).toString();
  return `/finance/journal/export${text ? `?${text}` : ""}`;
}

export const isFiltered = (query: JournalQuery) => Boolean(query.from || query.to || query.sku || query.account);

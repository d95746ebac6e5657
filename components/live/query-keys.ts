import type { Query } from "@tanstack/react-query";

/**
 * The query-key convention live updates rely on. A query about one SKU has
 * `"sku", <code>` next to each other somewhere in its key
 * (`["sales", "sku", "CHAIR-01", "view", "web", null]`); a query over many SKUs
 * (a list, a queue, totals) has `"skus"` in its key (`["warehouse", "skus", "stock", …]`).
 * When a ledger group commits, the first kind is invalidated when the code is the
 * group's SKU, the second kind always. Keys that follow neither are left alone.
 */
export const liveKeys = {
  sku: (area: string, code: string) => [area, "sku", code] as const,
  skus: (area: string) => [area, "skus"] as const,
};

export function touchesSku(key: readonly unknown[], sku: string | null): boolean {
  if (key.includes("skus")) return true;
  if (sku === null) return false;
  return key.some((part, index) => part === "sku" && key[index + 1] === sku);
}

/** Every query under the convention: what a reconnect (or a reset) refetches. */
export function isLiveQuery(query: Query): boolean {
  const key = query.queryKey;
  return key.includes("skus") || key.some((part, index) => part === "sku" && typeof key[index + 1] === "string");
}

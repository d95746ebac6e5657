"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import type { demandView, SalesSkuView } from "@/lib/server/views/sales";
import { useFallbackInterval } from "@/components/live/live-provider";
import { liveKeys } from "@/components/live/query-keys";

/** GET /api/v1/skus/{sku}/sales: the page's view without the channel list. */
export type SkuSales = Omit<SalesSkuView, "channels">;
export type Demand = Awaited<ReturnType<typeof demandView>>;

/**
 * Keys under the live convention (components/live/query-keys.ts): every query about
 * a SKU starts ["sales", "sku", code], so a committed event for that SKU (another
 * rep's reservation, a receipt) refetches it within the second. Only while the live
 * stream is down do these poll, slowly.
 */
export const salesKeys = {
  sku: (sku: string) => liveKeys.sku("sales", sku),
  view: (sku: string, channel: string, qty: number | null) => ["sales", "sku", sku, "view", channel, qty] as const,
  demand: (sku: string, channel: string) => ["sales", "sku", sku, "demand", channel] as const,
};

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: "application/json" }, cache: "no-store" });
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as { detail?: string; message?: string } | null;
    throw new Error(problem?.detail ?? problem?.message ?? `The server answered ${response.status}.`);
  }
  return (await response.json()) as T;
}

const skuPath = (sku: string) => `/api/v1/skus/${encodeURIComponent(sku)}`;

type Promised = NonNullable<SkuSales["promise"]>;

/** The API wraps the promise for its clients ({ earliestDate, location, detail }); the screen reads the detail. */
function promiseOf(raw: unknown): Promised | null {
  if (!raw || typeof raw !== "object") return null;
  if ("detail" in raw) return (raw as { detail: Promised }).detail;
  return raw as Promised;
}

/** The screen draws what can be promised by date (`promisableCurve`); the API's `curve` is the model's signed ATP. */
async function getSales(url: string): Promise<SkuSales> {
  const body = await getJson<Omit<SkuSales, "promise"> & { promise?: unknown; promisableCurve?: SkuSales["curve"] }>(url);
  return { ...body, curve: body.promisableCurve ?? body.curve, promise: promiseOf(body.promise) };
}

export function useSkuSales(initial: SkuSales, initialQty: number | null, qty: number | null) {
  const { code } = initial.sku;
  const fallback = useFallbackInterval(15_000);
  return useQuery({
    queryKey: salesKeys.view(code, initial.channel, qty),
    queryFn: () => getSales(`${skuPath(code)}/sales?${new URLSearchParams({ channel: initial.channel, ...(qty ? { qty: String(qty) } : {}) })}`),
    initialData: qty === initialQty ? initial : undefined,
    // While a new quantity is checked, the last numbers stay on screen.
    placeholderData: keepPreviousData,
    refetchInterval: fallback,
  });
}

export function useDemand(initial: Demand) {
  const fallback = useFallbackInterval(60_000);
  return useQuery({
    queryKey: salesKeys.demand(initial.sku, initial.channel),
    queryFn: () => getJson<Demand>(`${skuPath(initial.sku)}/demand?${new URLSearchParams({ channel: initial.channel })}`),
    initialData: initial,
    refetchInterval: fallback,
  });
}

/** After a reservation or a release, everything shown for the SKU is out of date. */
export function useInvalidateSku(sku: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: salesKeys.sku(sku) });
}

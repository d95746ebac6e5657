"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import type { demandView, SalesSkuView } from "@/lib/server/views/sales";

/** GET /api/v1/skus/{sku}/sales: the page's view without the channel list. */
export type SkuSales = Omit<SalesSkuView, "channels">;
export type Demand = Awaited<ReturnType<typeof demandView>>;

/** Often enough that another rep's reservation or a receipt shows while you look. */
export const LIVE_MS = 5_000;

export const salesKeys = {
  sku: (sku: string) => ["sales", "sku", sku] as const,
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

async function getSales(url: string): Promise<SkuSales> {
  const body = await getJson<Omit<SkuSales, "promise"> & { promise?: unknown }>(url);
  return { ...body, promise: promiseOf(body.promise) };
}

export function useSkuSales(initial: SkuSales, initialQty: number | null, qty: number | null) {
  const { code } = initial.sku;
  return useQuery({
    queryKey: salesKeys.view(code, initial.channel, qty),
    queryFn: () => getSales(`${skuPath(code)}/sales?${new URLSearchParams({ channel: initial.channel, ...(qty ? { qty: String(qty) } : {}) })}`),
    initialData: qty === initialQty ? initial : undefined,
    // While a new quantity is checked, the last numbers stay on screen.
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_MS,
    staleTime: LIVE_MS,
  });
}

export function useDemand(initial: Demand) {
  return useQuery({
    queryKey: salesKeys.demand(initial.sku, initial.channel),
    queryFn: () => getJson<Demand>(`${skuPath(initial.sku)}/demand?${new URLSearchParams({ channel: initial.channel })}`),
    initialData: initial,
    // Weekly figures move slowly; a reservation still shows within the minute.
    refetchInterval: 30_000,
    staleTime: 30_000,
  });
}

/** After a reservation or a release, everything shown for the SKU is out of date. */
export function useInvalidateSku(sku: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: salesKeys.sku(sku) });
}

"use client";

import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { useLive } from "./live-provider";

/** Refreshes run at most this often: a burst of events costs one server render, ~300 ms after its first. */
const REFRESH_MS = 300;

/**
 * Keeps a server-rendered page current: when a ledger group commits for one of
 * `skus` (any SKU when omitted), it re-renders the page on the server
 * (router.refresh(): client state and scroll stay). One line in a page or a
 * screen component, anywhere under the root layout:
 *
 *   <LiveRefresh skus={[sku.code]} />   // a SKU's page
 *   <LiveRefresh />                     // a list, a queue, totals
 *
 * Pair it with <AsOfEvent seq={…} /> to say which instant the page shows.
 */
export function LiveRefresh({ skus }: { skus?: readonly string[] }) {
  const router = useRouter();
  const { subscribe } = useLive();
  const watched = skus?.join("\n") ?? null;

  useEffect(() => {
    const only = watched === null ? null : new Set(watched.split("\n"));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = subscribe((event) => {
      if (event.kind === "notice" && only && (event.notice.sku === null || !only.has(event.notice.sku))) return;
      timer ??= setTimeout(() => {
        timer = undefined;
        router.refresh();
      }, REFRESH_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [watched, subscribe, router]);

  return null;
}

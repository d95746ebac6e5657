"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { usePathname } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { isLiveQuery, touchesSku } from "./query-keys";
import { raisedSeqCookie } from "@/lib/read-floor";

/** A committed ledger group as GET /api/live sends it (lib/server/live/notice.ts). */
export type LiveNotice = { seq: number; first: number; group: string; type: string; sku: string | null; locations: string[] | null; occurredAt: string };
/** A notice, or "refetch everything you show" (after a reconnect, or when too far behind to replay). */
export type LiveEvent = { kind: "notice"; notice: LiveNotice } | { kind: "reset" };
export type LiveStatus = "off" | "connecting" | "live" | "reconnecting";

type Live = { status: LiveStatus; lastSeq: number | null; subscribe: (listener: (event: LiveEvent) => void) => () => void };

const LiveContext = createContext<Live>({ status: "off", lastSeq: null, subscribe: () => () => {} });

/** Seconds between manual reconnects once the browser has given up (the server refused, or is gone). */
const BACKOFF_MS = [1_000, 2_000, 5_000, 15_000, 30_000, 60_000];
/** Invalidations are batched: a burst of events refetches a query once per window, not once per event. */
const BATCH_MS = 250;
/**
 * A tab hidden this long lets go of its stream and catches up when shown again:
 * browsers allow six HTTP/1.1 connections per host, and a stream holds one.
 */
const HIDDEN_MS = 60_000;

/**
 * One EventSource per browser tab on GET /api/live, while signed in (not on the
 * sign-in page; a 401 closes it until the next navigation). Each committed group
 * invalidates the TanStack queries about its SKU (key convention: ./query-keys.ts)
 * and reaches every subscriber (<LiveRefresh>). On reconnect the server replays
 * what was missed from Last-Event-ID; the provider refetches everything shown
 * anyway, in case a group committed late across the gap. A tab hidden for a
 * minute closes its stream and reconnects when shown.
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const pathname = usePathname();
  const enabled = !!pathname && !pathname.startsWith("/login");
  const [status, setStatus] = useState<LiveStatus>("off");
  const [lastSeq, setLastSeq] = useState<number | null>(null);
  const listeners = useRef(new Set<(event: LiveEvent) => void>());

  useEffect(() => {
    if (!enabled) return;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let pause: ReturnType<typeof setTimeout> | undefined;
    let batch: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    // Once the stream has been up, or failed before it ever was, the screens may miss
    // what committed meanwhile: the next `ready` refetches everything they show.
    let everReady = false;
    let failed = false;
    let last: number | null = null;
    const pending = new Set<string | null>();
    let everything = false;

    const emit = (event: LiveEvent) => listeners.current.forEach((listener) => listener(event));
    const flush = () => {
      batch = undefined;
      const all = everything;
      const skus = [...pending];
      everything = false;
      pending.clear();
      void client.invalidateQueries({ predicate: (query) => (all ? isLiveQuery(query) : skus.some((sku) => touchesSku(query.queryKey, sku))) });
    };
    const invalidate = (sku: string | null | "*") => {
      if (sku === "*") everything = true;
      else pending.add(sku);
      batch ??= setTimeout(flush, BATCH_MS);
    };
    const seen = (seq: number) => {
      last = Math.max(last ?? 0, seq);
      setLastSeq(last);
      // Before the refetch it causes: with a read replica, what this page reads next
      // must hold the event it was just told of (lib/read-floor.ts).
      const cookie = raisedSeqCookie(document.cookie, last);
      if (cookie) document.cookie = cookie;
    };

    const connect = () => {
      source = new EventSource(last === null ? "/api/live" : `/api/live?after=${last}`);
      setStatus(everReady ? "reconnecting" : "connecting");
      source.addEventListener("ready", (event) => {
        attempt = 0;
        seen((JSON.parse((event as MessageEvent<string>).data) as { seq: number }).seq);
        setStatus("live");
        if (everReady || failed) {
          invalidate("*");
          emit({ kind: "reset" });
        }
        everReady = true;
      });
      source.addEventListener("reset", () => {
        invalidate("*");
        emit({ kind: "reset" });
      });
      source.onmessage = (event: MessageEvent<string>) => {
        const notice = JSON.parse(event.data) as LiveNotice;
        seen(notice.seq);
        invalidate(notice.sku);
        emit({ kind: "notice", notice });
      };
      source.onerror = () => {
        failed = true;
        setStatus("reconnecting");
        // CONNECTING: the browser retries by itself, sending Last-Event-ID. CLOSED: it gave up.
        if (source?.readyState !== EventSource.CLOSED) return;
        source = null;
        retry = setTimeout(() => {
          retry = undefined;
          connect();
        }, BACKOFF_MS[Math.min(attempt++, BACKOFF_MS.length - 1)]);
      };
    };
    const onVisibility = () => {
      if (document.visibilityState === "hidden") {
        pause ??= setTimeout(() => {
          pause = undefined;
          source?.close();
          source = null;
          clearTimeout(retry);
          retry = undefined;
          failed = true;
          setStatus("off");
        }, HIDDEN_MS);
        return;
      }
      clearTimeout(pause);
      pause = undefined;
      if (!source && retry === undefined) connect();
    };
    document.addEventListener("visibilitychange", onVisibility);
    connect();
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      source?.close();
      clearTimeout(retry);
      clearTimeout(pause);
      clearTimeout(batch);
      setStatus("off");
    };
  }, [enabled, client]);

  // Stable across renders: a subscriber's effect must not re-run (and drop its pending refresh) on every event.
  const subscribe = useCallback((listener: (event: LiveEvent) => void) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);
  const value = useMemo<Live>(() => ({ status, lastSeq, subscribe }), [status, lastSeq, subscribe]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

/** The stream's state and the last seq it delivered (null before it is ready). */
export function useLive(): Live {
  return useContext(LiveContext);
}

/** For queries under the key convention: poll slowly only while the stream is down. */
export function useFallbackInterval(ms = 30_000): number | false {
  return useLive().status === "live" ? false : ms;
}

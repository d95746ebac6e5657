"use client";

import { useLive, type LiveStatus } from "./live-provider";

const LABEL: Record<LiveStatus, string> = { live: "Live", connecting: "Connecting", reconnecting: "Reconnecting", off: "Not live" };
const DOT: Record<LiveStatus, string> = {
  live: "bg-emerald-500",
  connecting: "animate-pulse bg-slate-400",
  reconnecting: "animate-pulse bg-amber-500",
  off: "bg-slate-300",
};

/**
 * "Live · as of event #N": the ledger seq the page's figures reflect, so two
 * people can tell they look at the same instant, and whether the live stream is
 * up. Pass the highest seq the page read (a view's `asOfEvent`) where there is
 * one; without it the badge shows the last seq the stream delivered. One line:
 *
 *   <AsOfEvent seq={view.asOfEvent} />
 *   <AsOfEvent />
 */
export function AsOfEvent({ seq, refreshing = false, note }: { seq?: number | null; refreshing?: boolean; note?: string }) {
  const { status, lastSeq } = useLive();
  const shown = seq ?? lastSeq;
  return (
    <p className="flex items-center gap-2 text-xs text-muted" aria-live="polite" data-testid="as-of-event" data-live={status} data-seq={shown ?? ""}>
      <span className={`inline-block size-2 rounded-full ${refreshing && status === "live" ? "animate-pulse bg-accent-600" : DOT[status]}`} aria-hidden />
      <span>
        {LABEL[status]}
        {shown !== null && <> · as of event #{shown}</>}
        {note && <> · {note}</>}
      </span>
    </p>
  );
}

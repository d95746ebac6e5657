import { AsOfEvent } from "./as-of-event";
import { LiveRefresh } from "./live-refresh";

/**
 * A server-rendered page kept live: it re-renders when an event for its SKUs
 * (any, when none are named) commits, and says which event it is as of. The page
 * reads `lastSeq` before its data, so its figures include at least that event.
 */
export function PageLive({ seq, skus, className = "mb-3" }: { seq: number; skus?: string[]; className?: string }) {
  return (
    <div className={className}>
      <LiveRefresh skus={skus} />
      <AsOfEvent seq={seq} />
    </div>
  );
}

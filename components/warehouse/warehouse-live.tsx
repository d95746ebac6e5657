import { AsOfEvent } from "@/components/live/as-of-event";
import { LiveRefresh } from "@/components/live/live-refresh";

/**
 * Under a warehouse screen's title: the page re-renders when an event for its
 * SKUs (any, when not named) commits, and says which event it is as of.
 */
export function WarehouseLive({ seq, skus }: { seq: number; skus?: string[] }) {
  return (
    <div className="-mt-4 mb-4">
      <LiveRefresh skus={skus} />
      <AsOfEvent seq={seq} />
    </div>
  );
}

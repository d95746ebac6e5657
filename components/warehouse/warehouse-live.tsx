import { PageLive } from "@/components/live/page-live";

/** Under a warehouse screen's title: live for its SKUs (any, when not named), as of the event it was read at. */
export function WarehouseLive({ seq, skus }: { seq: number; skus?: string[] }) {
  return <PageLive seq={seq} skus={skus} className="-mt-4 mb-4" />;
}

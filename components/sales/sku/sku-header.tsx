"use client";

import Link from "next/link";
import type { ChannelOption } from "@/lib/server/views/sales";
import { CodeText } from "@/components/ui/code-text";
import { AsOfEvent } from "@/components/live/as-of-event";
import { ChannelSwitcher } from "../channel-switcher";
import type { SkuSales } from "./use-sku-sales";

type Props = { view: SkuSales; channels: ChannelOption[]; qty: number | null; refreshing: boolean; stale: boolean };

export function SkuHeader({ view, channels, qty, refreshing, stale }: Props) {
  const { sku } = view;
  return (
    <div className="mb-6 grid gap-3">
      <Link href={`/sales?channel=${encodeURIComponent(view.channel)}`} className="w-fit text-sm text-muted hover:text-ink">
        ← All SKUs
      </Link>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{sku.name}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-x-2 text-sm text-muted">
            <CodeText>{sku.code}</CodeText>
            <span aria-hidden>·</span>
            <span className="capitalize">{sku.category}</span>
            {sku.uom && sku.uom !== "each" && (
              <>
                <span aria-hidden>·</span>
                <span>counted in {sku.uom}</span>
              </>
            )}
          </p>
        </div>
        <ChannelSwitcher channels={channels} current={view.channel} path={`/sales/skus/${encodeURIComponent(sku.code)}`} keep={qty ? { qty: String(qty) } : {}} />
      </div>
      <div data-testid="as-of">
        <AsOfEvent seq={view.asOfEvent} refreshing={refreshing} note={stale ? "could not refresh; showing the last figures" : undefined} />
      </div>
    </div>
  );
}

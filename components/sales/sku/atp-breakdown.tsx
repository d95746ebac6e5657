"use client";

import { useState } from "react";
import type { ChannelOption } from "@/lib/server/views/sales";
import { signed } from "../format";
import { bucketLabel, channelName, type BucketKind } from "../labels";
import type { SkuSales } from "./use-sku-sales";

const BAR: Record<BucketKind, string> = {
  "own-committed": "bg-sky-400",
  committed: "bg-sky-300",
  "not-sellable": "bg-amber-300",
  safety: "bg-slate-300",
  fence: "bg-violet-300",
};

type Breakdown = SkuSales["locations"][number]["breakdown"];

function combine(breakdowns: Breakdown[]): Breakdown {
  const buckets = new Map<string, number>();
  for (const b of breakdowns) for (const bucket of b.buckets) buckets.set(bucket.bucket, (buckets.get(bucket.bucket) ?? 0) + bucket.qty);
  return {
    onHand: breakdowns.reduce((total, b) => total + b.onHand, 0),
    atp: breakdowns.reduce((total, b) => total + b.atp, 0),
    buckets: [...buckets].map(([bucket, qty]) => ({ bucket, qty })),
  };
}

type RowProps = { label: string; qty: string; width: number; bar: string; hint?: string; strong?: boolean; className?: string };

/** Label, bar and figure on one line; at phone width the bar goes under the label. */
function Row({ label, qty, width, bar, hint, strong = false, className = "" }: RowProps) {
  const weight = strong ? "font-semibold" : "";
  return (
    <li className={`grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 gap-y-1 sm:grid-cols-[13rem_minmax(0,1fr)_3.5rem] ${className}`}>
      <span className={`col-start-1 row-start-1 text-sm ${weight}`}>
        {label}
        {hint && <span className="block text-xs text-muted">{hint}</span>}
      </span>
      <span className="col-span-2 row-start-2 h-2.5 rounded-full bg-canvas sm:col-span-1 sm:col-start-2 sm:row-start-1" aria-hidden>
        <span className={`block h-2.5 rounded-full ${bar}`} style={{ width: `${Math.min(100, Math.max(width, width > 0 ? 1.5 : 0))}%` }} />
      </span>
      <span className={`col-start-2 row-start-1 text-right text-sm tabular-nums sm:col-start-3 ${weight}`}>{qty}</span>
    </li>
  );
}

/** Why ATP is lower than on hand: on hand, less each named reason, equals ATP. */
export function AtpBreakdown({ view, channels }: { view: SkuSales; channels: ChannelOption[] }) {
  const [location, setLocation] = useState("all");
  const shown = view.locations.filter((l) => location === "all" || l.location === location);
  const { onHand, atp, buckets } = combine(shown.map((l) => l.breakdown));
  const scale = Math.max(onHand, 1);
  // A location's shortfall is its own: the channel's ATP counts it as zero, not against the others' stock.
  const shortfalls = shown.filter((l) => l.breakdown.atp < 0);
  const total = shown.length > 1 ? atp - shortfalls.reduce((sum, l) => sum + l.breakdown.atp, 0) : atp;
  const rows = buckets
    .map((b) => ({ ...b, ...bucketLabel(b.bucket, view.channel, channels) }))
    .sort((a, b) => Object.keys(BAR).indexOf(a.kind) - Object.keys(BAR).indexOf(b.kind) || b.qty - a.qty);
  return (
    <div className="grid gap-4">
      {view.locations.length > 1 && (
        <label className="flex items-center gap-2 text-sm">
          <span className="text-muted">Location</span>
          <select value={location} onChange={(e) => setLocation(e.target.value)} className="rounded-md border border-line bg-surface px-2 py-1 text-sm">
            <option value="all">All serving {channelName(channels, view.channel)}</option>
            {view.locations.map((l) => (
              <option key={l.location} value={l.location}>{l.location}</option>
            ))}
          </select>
        </label>
      )}
      <ol className="grid gap-2.5" aria-label="From on hand to available to promise">
        <Row label="On hand" qty={String(onHand)} width={100 * (onHand / scale)} bar="bg-slate-500" strong />
        {rows.map((row) => (
          <Row key={row.bucket} label={row.label} hint={row.hint} qty={signed(-row.qty)} width={(100 * row.qty) / scale} bar={BAR[row.kind]} />
        ))}
        {shown.length > 1 &&
          shortfalls.map((l) => (
            <Row
              key={l.location}
              label={`Shortfall at ${l.location}`}
              hint="Not taken from the other locations' stock: an order line ships from one place."
              qty={`+${-l.breakdown.atp}`}
              width={(100 * -l.breakdown.atp) / scale}
              bar="bg-danger-700"
            />
          ))}
        <Row
          className="border-t border-line pt-2.5"
          label="Available to promise"
          qty={signed(total)}
          width={(100 * Math.max(0, total)) / scale}
          bar={total < 0 ? "bg-danger-700" : "bg-accent-600"}
          strong
        />
      </ol>
      {total < 0 && <p className="text-sm text-danger-700">A shortfall: more is committed or set aside here than there is on hand.</p>}
      {rows.length === 0 && onHand > 0 && <p className="text-sm text-muted">Everything on hand can be promised.</p>}
    </div>
  );
}

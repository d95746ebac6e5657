"use client";

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { moneyText } from "./money";

type Bucket = { label: string; value: string; count: number; tone: string };

function BucketTooltip({ active, payload }: { active?: boolean; payload?: { payload: Bucket }[] }) {
  const bucket = payload?.[0]?.payload;
  if (!active || !bucket) return null;
  return (
    <div className="rounded-md border border-line bg-surface px-3 py-2 text-xs shadow-md">
      <p className="font-medium">{bucket.label} days</p>
      <p className="tabular-nums">{moneyText(bucket.value)} · {bucket.count} {bucket.count === 1 ? "document" : "documents"}</p>
    </div>
  );
}

/** Open GRNI per age bucket; the value is plotted as a number, the tooltip reads the exact string. */
export function GrniAgingChart({ buckets }: { buckets: Bucket[] }) {
  const data = buckets.map((bucket) => ({ ...bucket, plotted: Number(bucket.value) }));
  return (
    <figure className="h-48 w-full" role="img" aria-label={`GRNI by age: ${buckets.map((b) => `${b.label} days ${moneyText(b.value)}`).join(", ")}`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid stroke="oklch(0.92 0.008 255)" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} tickFormatter={(label: string) => `${label} d`} />
          <YAxis tick={{ fontSize: 12 }} width={64} tickFormatter={(v: number) => v.toLocaleString("en-GB", { maximumFractionDigits: 0 })} />
          <Tooltip content={<BucketTooltip />} cursor={{ fill: "oklch(0.97 0.02 190)" }} />
          <Bar dataKey="plotted" isAnimationActive={false} radius={[3, 3, 0, 0]}>
            {data.map((bucket) => <Cell key={bucket.label} fill={bucket.tone} />)}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

"use client";

import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { dayNumber, longDay, plusDays, shortDay } from "../format";
import type { SkuSales } from "./use-sku-sales";

type Point = { t: number; date: string; atp: number; arriving: number; refs: string[] };

const ACCENT = "oklch(0.45 0.08 197)";
const RECEIPT = "oklch(0.55 0.15 150)";
const DANGER = "oklch(0.5 0.17 25)";

function points(view: SkuSales): Point[] {
  const curve = view.curve.map((p) => ({ ...p, t: dayNumber(p.date) }));
  const last = curve.at(-1);
  const end = plusDays(view.today, view.horizonDays);
  // The step runs on to the horizon, so the last level reads as "from then on".
  if (last && last.date < end) curve.push({ date: end, t: dayNumber(end), atp: last.atp, arriving: 0, refs: [] });
  return curve;
}

function ReceiptDot(props: { cx?: number; cy?: number; payload?: Point }) {
  const { cx, cy, payload } = props;
  if (cx === undefined || cy === undefined || !payload?.arriving) return null;
  return <circle cx={cx} cy={cy} r={5} fill={RECEIPT} stroke="white" strokeWidth={2} />;
}

function CurveTooltip({ active, payload }: { active?: boolean; payload?: { payload: Point }[] }) {
  const point = payload?.[0]?.payload;
  if (!active || !point) return null;
  return (
    <div className="rounded-md border border-line bg-surface px-3 py-2 text-xs shadow-md">
      <p className="font-medium">{longDay(point.date)}</p>
      <p className="tabular-nums">Available to promise: {point.atp}</p>
      {point.arriving > 0 && (
        <p className="text-emerald-800">
          +{point.arriving} sellable ({point.refs.join(", ")})
        </p>
      )}
    </div>
  );
}

/** ATP by date on the channel: a step on each day incoming stock becomes sellable. */
export function AtpCurveChart({ view, qty }: { view: SkuSales; qty: number | null }) {
  const data = points(view);
  const start = data[0]?.t ?? dayNumber(view.today);
  const end = data.at(-1)?.t ?? start;
  const ticks = Array.from({ length: Math.floor((end - start) / (14 * 86_400_000)) + 1 }, (_, i) => start + i * 14 * 86_400_000);
  const receipts = data.filter((p) => p.arriving > 0);
  return (
    <figure>
      <div className="h-60 w-full" role="img" aria-label={`Available to promise by date: ${data.map((p) => `${shortDay(p.date)} ${p.atp}`).join(", ")}`}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={{ top: 12, right: 16, bottom: 0, left: -12 }}>
            <CartesianGrid stroke="oklch(0.92 0.008 255)" vertical={false} />
            <XAxis dataKey="t" type="number" scale="time" domain={[start, end]} ticks={ticks} tickFormatter={(t: number) => shortDay(new Date(t).toISOString())} tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12 }} domain={[(min: number) => Math.min(0, min), (max: number) => Math.max(max, qty ?? 0) + 2]} />
            <Tooltip content={<CurveTooltip />} />
            <ReferenceLine y={0} stroke="oklch(0.7 0.02 257)" />
            {qty && (
              <ReferenceLine y={qty} stroke={DANGER} strokeDasharray="4 4" label={{ value: `you asked ${qty}`, position: "insideTopRight", fontSize: 11, fill: DANGER }} />
            )}
            <Area type="stepAfter" dataKey="atp" fill="oklch(0.94 0.04 190)" fillOpacity={0.6} stroke="none" isAnimationActive={false} tooltipType="none" />
            <Line type="stepAfter" dataKey="atp" stroke={ACCENT} strokeWidth={2.5} dot={<ReceiptDot />} activeDot={{ r: 4 }} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-muted">
        <span className="inline-flex items-center gap-1.5">
          <span className="inline-block h-0.5 w-4" style={{ background: ACCENT }} /> available to promise, all locations serving the channel
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span className="inline-block size-2.5 rounded-full" style={{ background: RECEIPT }} /> receipt becomes sellable ({receipts.length})
        </span>
      </figcaption>
    </figure>
  );
}

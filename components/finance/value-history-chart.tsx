"use client";

import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ValueHistoryPoint } from "@/lib/server/views/finance/types";
import { fullDay, shortDay } from "@/components/sales/format";
import { moneyText } from "./money";

const ACCENT = "oklch(0.45 0.08 197)";
const UNITS = "oklch(0.6 0.03 257)";

// Numbers only for plotting: the tooltip and the summary read the exact strings.
type Point = ValueHistoryPoint & { plotted: number };

function HistoryTooltip({ active, payload }: { active?: boolean; payload?: { payload: Point }[] }) {
  const point = payload?.[0]?.payload;
  if (!active || !point) return null;
  return (
    <div className="rounded-md border border-line bg-surface px-3 py-2 text-xs shadow-md">
      <p className="font-medium">{fullDay(point.day)}</p>
      <p className="tabular-nums">Value {moneyText(point.value)}</p>
      <p className="text-muted tabular-nums">{point.owned} owned</p>
    </div>
  );
}

/** The SKU's inventory value at the end of each day, with owned units as a faint second line. */
export function ValueHistoryChart({ points, asOfDay }: { points: ValueHistoryPoint[]; asOfDay?: string }) {
  const data: Point[] = points.map((point) => ({ ...point, plotted: Number(point.value) }));
  const first = points[0];
  const last = points.at(-1);
  const label = first && last ? `Inventory value from ${moneyText(first.value)} on ${fullDay(first.day)} to ${moneyText(last.value)} on ${fullDay(last.day)}` : "No value history";
  return (
    <figure>
      <div className="h-64 w-full" role="img" aria-label={label}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={{ top: 12, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid stroke="oklch(0.92 0.008 255)" vertical={false} />
            <XAxis dataKey="day" tickFormatter={shortDay} tick={{ fontSize: 12 }} minTickGap={24} />
            <YAxis yAxisId="value" tick={{ fontSize: 12 }} width={64} tickFormatter={(v: number) => v.toLocaleString("en-GB", { maximumFractionDigits: 0 })} />
            <YAxis yAxisId="units" orientation="right" allowDecimals={false} tick={{ fontSize: 12, fill: UNITS }} width={36} />
            <Tooltip content={<HistoryTooltip />} />
            {asOfDay && points.some((p) => p.day === asOfDay) && (
              <ReferenceLine yAxisId="value" x={asOfDay} stroke="oklch(0.65 0.16 55)" strokeDasharray="4 4" label={{ value: "as of", position: "insideTopLeft", fontSize: 11, fill: "oklch(0.5 0.12 55)" }} />
            )}
            <Area yAxisId="value" type="stepAfter" dataKey="plotted" fill="oklch(0.94 0.04 190)" fillOpacity={0.6} stroke={ACCENT} strokeWidth={2} isAnimationActive={false} />
            <Line yAxisId="units" type="stepAfter" dataKey="owned" stroke={UNITS} strokeDasharray="4 3" dot={false} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-muted">
        <span className="inline-flex items-center gap-1.5"><span className="inline-block h-0.5 w-4" style={{ background: ACCENT }} /> value at cost (left axis)</span>
        <span className="inline-flex items-center gap-1.5"><span className="inline-block h-0.5 w-4 border-t border-dashed" style={{ borderColor: UNITS }} /> owned units (right axis)</span>
      </figcaption>
    </figure>
  );
}

"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { shortDay } from "../format";
import type { Demand } from "./use-sku-sales";

type Row = { week: string; reserved?: number; refused?: number; shipped?: number; forecast?: number };

function rows(demand: Demand): Row[] {
  const past: Row[] = demand.weeks.map((w) => ({ ...w }));
  // The forecast line starts from the last week's demand, so it reads as a continuation.
  const last = past.at(-1);
  if (last && demand.forecast.length) last.forecast = (last.reserved ?? 0) + (last.refused ?? 0);
  return [...past, ...demand.forecast.map((f) => ({ week: f.week, forecast: Math.round(f.qty * 10) / 10 }))];
}

const LABELS: Record<string, string> = { reserved: "Reserved", refused: "Refused (lost demand)", shipped: "Shipped", forecast: "Forecast" };

/** Weekly demand: what was reserved and refused (what customers asked for), what shipped, and the next 8 weeks. */
export function DemandChart({ demand }: { demand: Demand }) {
  const data = rows(demand);
  return (
    <div className="h-64 w-full" role="img" aria-label={`Weekly demand for ${demand.weeks.length} weeks and a forecast for ${demand.forecast.length}`}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid stroke="oklch(0.92 0.008 255)" vertical={false} />
          <XAxis dataKey="week" tickFormatter={(w: string) => shortDay(w)} tick={{ fontSize: 11 }} minTickGap={16} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
          <Tooltip labelFormatter={(w) => `Week of ${shortDay(String(w))}`} formatter={(value, name) => [value, LABELS[String(name)] ?? name]} />
          <Legend formatter={(name: string) => LABELS[name] ?? name} wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="reserved" stackId="asked" fill="oklch(0.52 0.09 195)" isAnimationActive={false} />
          <Bar dataKey="refused" stackId="asked" fill="oklch(0.62 0.17 25)" isAnimationActive={false} />
          <Line dataKey="shipped" stroke="oklch(0.45 0.03 260)" strokeWidth={1.5} dot={false} isAnimationActive={false} />
          <Line dataKey="forecast" stroke="oklch(0.55 0.15 150)" strokeWidth={2} strokeDasharray="5 4" dot={{ r: 2 }} connectNulls={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

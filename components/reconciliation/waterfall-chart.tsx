"use client";

import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type Step = { label: string; amount: string; kind: "total" | "bucket" | "remainder"; from: number; to: number };

const COLOUR = { total: "oklch(0.55 0.09 200)", bucket: "oklch(0.75 0.08 70)", remainder: "oklch(0.58 0.2 25)" } as const;

function StepTooltip({ active, payload }: { active?: boolean; payload?: { payload: Step }[] }) {
  const step = payload?.[0]?.payload;
  if (!active || !step) return null;
  return (
    <div className="rounded-md border border-line bg-surface px-3 py-2 text-xs shadow-md">
      <p className="font-medium">{step.label}</p>
      <p className="tabular-nums">{step.kind === "bucket" ? `− ${step.amount}` : step.amount}</p>
    </div>
  );
}

/**
 * From one side of an identity to the other: each bucket a floating bar from the
 * running figure down by its amount (a range bar, so negative figures such as a
 * shortfall plot honestly). Numbers are for drawing only; the labels are exact.
 */
export function WaterfallChart({ steps, label }: { steps: Step[]; label: string }) {
  const data = steps.map((step) => ({ ...step, range: [Math.min(step.from, step.to), Math.max(step.from, step.to)] }));
  const height = Math.max(160, 40 + steps.length * 30);
  return (
    <figure className="w-full" style={{ height }} role="img" aria-label={`${label}: ${steps.map((s) => `${s.label} ${s.amount}`).join(", ")}`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }} barCategoryGap={6}>
          <CartesianGrid stroke="oklch(0.92 0.008 255)" horizontal={false} />
          <XAxis type="number" tick={{ fontSize: 11 }} tickFormatter={(v: number) => v.toLocaleString("en-GB", { maximumFractionDigits: 0 })} />
          <YAxis type="category" dataKey="label" width={150} tick={{ fontSize: 11 }} interval={0} />
          <ReferenceLine x={0} stroke="oklch(0.6 0.01 255)" />
          <Tooltip content={<StepTooltip />} cursor={{ fill: "oklch(0.97 0.02 190)" }} />
          <Bar dataKey="range" isAnimationActive={false} radius={2}>
            {data.map((step) => <Cell key={step.label} fill={COLOUR[step.kind]} />)}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

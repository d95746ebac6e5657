"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { InternalState } from "@/lib/domain/states";
import { STATE_LABEL } from "./format";

// One colour per state, grouped by meaning: greens are usable, ambers wait on a
// person, reds are lost, greys are moving.
const COLOURS: Partial<Record<InternalState, string>> = {
  AVAILABLE: "#0f766e",
  RESERVED: "#14b8a6",
  PICKED: "#5eead4",
  PACKED: "#99f6e4",
  RECEIVING: "#f59e0b",
  RETURN_QC: "#fbbf24",
  QUALITY_HOLD: "#d97706",
  REJECTED: "#b91c1c",
  DAMAGED: "#ef4444",
  TRANSFER_TRANSIT: "#94a3b8",
};

export type ChartRow = { location: string } & Partial<Record<InternalState, number>>;

export function StateChart({ rows, states }: { rows: ChartRow[]; states: InternalState[] }) {
  return (
    <figure aria-label="Units per state at each location" className="h-72 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="location" width={92} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {states.map((state) => (
            <Bar key={state} dataKey={state} name={STATE_LABEL[state]} stackId="units" fill={COLOURS[state] ?? "#64748b"} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

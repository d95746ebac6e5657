// Shared by the planner's table tests: a small plan context at one location "WH"
// on 15 June 2026, and parsed inputs for it.
import { EventInputSchema } from "../event-input.ts";
import { position, type BalanceRow } from "../positions.ts";
import type { PlanContext, PlannableInput } from "./types.ts";

export const now = new Date("2026-06-15T12:00:00Z");

export const row = (state: BalanceRow["state"], qty: number, extra: Partial<BalanceRow> = {}): BalanceRow => ({ ...position("WH", state, extra), qty });

export function planContext(balances: BalanceRow[], over: Partial<PlanContext> = {}, policy: Partial<PlanContext["policy"]> = {}): PlanContext {
  return {
    now, occurredAt: now, actorRole: "warehouse", balances, costingMethod: "fifo", unitCostEstimate: "10.00", po: null, orderLine: null,
    policy: { safetyStock: 0, inspectionLeadDays: 0, writeOffValue: "100.00", countVarianceUnits: 2, fences: {}, ...policy },
    policies: {}, channels: ["web", "wholesale"], later: {}, today: { writeoffQty: 0, countUnits: 0 }, reversal: null,
    ...over,
  };
}

export function parse(body: Record<string, unknown>): PlannableInput {
  const input = EventInputSchema.parse({ sku: "S", location: "WH", ...body });
  if (input.type === "period.close") throw new Error("not plannable");
  return input;
}

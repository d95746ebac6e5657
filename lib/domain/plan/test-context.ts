// Shared by the planner's table tests: a small plan context at one location "WH"
// on 15 June 2026, and parsed inputs for it.
import { EventInputSchema } from "../event-input.ts";
import { position, type BalanceRow } from "../positions.ts";
import type { PlanContext, PlannableInput } from "./types.ts";
import { emptyCostState, type CostState } from "../finance/cost-state.ts";
import { toMinor } from "../money.ts";

export const now = new Date("2026-06-15T12:00:00Z");

export const row = (state: BalanceRow["state"], qty: number, extra: Partial<BalanceRow> = {}): BalanceRow => ({ ...position("WH", state, extra), qty });

export function planContext(balances: BalanceRow[], over: Partial<PlanContext> = {}, policy: Partial<PlanContext["policy"]> = {}): PlanContext {
  return {
    now, occurredAt: now, actorRole: "warehouse", balances, costingMethod: "fifo", cost: pooled("10.00", 100), po: null, orderLine: null,
    policy: { safetyStock: 0, inspectionLeadDays: 0, writeOffValue: "100.00", countVarianceUnits: 2, fences: {}, ...policy },
    policies: {}, channels: ["web", "wholesale"], later: {}, today: { writeoffQty: 0, writeoffValue: "0.00", countUnits: 0 }, reversal: null,
    ...over,
  };
}

export function parse(body: Record<string, unknown>): PlannableInput {
  const input = EventInputSchema.parse({ sku: "S", location: "WH", ...body });
  if (input.type === "period.close") throw new Error("not plannable");
  return input;
}

/** An average-cost pool of qty units at one unit cost. */
export function pooled(unitCost: string, qty: number): CostState {
  const state = emptyCostState("average", null);
  const cost = toMinor(unitCost, 4);
  state.pool = { qty, value: (BigInt(qty) * cost) / 100n, unitCost: cost };
  return state;
}

// Events that move no units: invoice matching, standard cost changes and period close.
import { DomainError } from "../errors.ts";
import { formatMoney } from "../money.ts";
import { requirePo } from "./steps.ts";
import type { Planner } from "./types.ts";

export const MEMOS_PLANNERS: { [T in "invoice.match" | "cost.change" | "period.close"]: Planner<T> } = {
  "invoice.match": (input, ctx) => {
    const po = requirePo(ctx, input.reference, input.location);
    return { type: input.type, legs: [], data: { qty: input.qty, unitCost: input.unitCost, poUnitCost: po.unitCost } };
  },
  "cost.change": (input, ctx) => {
    if (ctx.costingMethod !== "standard") {
      throw new DomainError("invalid_input", `This SKU is costed by ${ctx.costingMethod}; only standard-cost SKUs have a standard cost to change.`, {
        standardCost: ["SKU is not standard-costed"],
      });
    }
    return {
      type: input.type,
      legs: [],
      data: { standardCost: input.standardCost, previous: ctx.unitCostEstimate },
      approval: {
        permission: "cost.approve",
        qty: null,
        amount: null,
        summary: `Standard cost ${ctx.unitCostEstimate === null ? "—" : formatMoney(ctx.unitCostEstimate)} → ${formatMoney(input.standardCost)}`,
      },
    };
  },
  "period.close": (input, ctx) => ({ type: input.type, legs: [], data: { period: input.period }, ...checkClosable(input.period, ctx.now) }),
};

function checkClosable(period: string, now: Date): Record<string, never> {
  const [year, month] = period.split("-").map(Number);
  if (Date.UTC(year, month, 1) > now.getTime()) {
    throw new DomainError("invalid_input", `Period ${period} has not ended yet.`, { period: ["has not ended"] });
  }
  return {};
}

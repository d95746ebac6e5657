// Events that move no units: invoice matching and standard cost changes (period close has its own path).
import { DomainError } from "../errors.ts";
import { formatMoney } from "../money.ts";
import { requirePo } from "./steps.ts";
import type { Planner } from "./types.ts";

export const MEMOS_PLANNERS: { [T in "invoice.match" | "cost.change"]: Planner<T> } = {
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
        qty: null,
        amount: null,
        summary: `Standard cost ${ctx.unitCostEstimate === null ? "—" : formatMoney(ctx.unitCostEstimate)} → ${formatMoney(input.standardCost)}`,
      },
    };
  },
};

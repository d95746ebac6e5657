// Events that move no units: invoice matching and standard cost changes (period close has its own path).
import { DomainError } from "../errors.ts";
import { AMOUNT_SCALE, formatMoney, fromMinor, toMinor, UNIT_COST_SCALE } from "../money.ts";
import { extendCents } from "../finance/rounding.ts";
import { requirePo } from "./steps.ts";
import type { Planner } from "./types.ts";

export const MEMOS_PLANNERS: { [T in "invoice.match" | "cost.change"]: Planner<T> } = {
  "invoice.match": (input, ctx) => {
    // A PO, or a drop ship by its reference: what it booked to GRNI and has not been invoiced yet.
    const match = ctx.cost?.matches[input.reference];
    if (!match) requirePo(ctx, input.reference, input.location);
    const open = match ? match.booked - match.invoiced : 0;
    if (input.qty > open) {
      throw new DomainError(
        "invalid_input",
        `${input.reference} has ${open} unit${open === 1 ? "" : "s"} received (or owned in transit) and not yet invoiced; an invoice for ${input.qty} cannot be matched.`,
        { qty: [`at most ${open}`] },
      );
    }
    const poUnitCost = match ? fromMinor(match.unitCost, UNIT_COST_SCALE) : null;
    return { type: input.type, legs: [], data: { qty: input.qty, unitCost: input.unitCost, poUnitCost } };
  },
  "cost.change": (input, ctx) => {
    if (ctx.costingMethod !== "standard") {
      throw new DomainError("invalid_input", `This SKU is costed by ${ctx.costingMethod}; only standard-cost SKUs have a standard cost to change.`, {
        standardCost: ["SKU is not standard-costed"],
      });
    }
    const previous = ctx.cost?.standardCost ?? null;
    const pool = ctx.cost?.pool ?? { qty: 0, value: 0n };
    // The value at stake: what revaluing the units in the pool would book.
    const revaluation = extendCents(pool.qty, toMinor(input.standardCost, UNIT_COST_SCALE)) - pool.value;
    const before = previous === null ? "—" : formatMoney(fromMinor(previous, UNIT_COST_SCALE));
    return {
      type: input.type,
      legs: [],
      data: { standardCost: input.standardCost, previous: previous === null ? null : fromMinor(previous, UNIT_COST_SCALE) },
      approval: {
        qty: pool.qty,
        amount: fromMinor(revaluation, AMOUNT_SCALE),
        summary: `Standard cost ${before} → ${formatMoney(input.standardCost)}, revaluing ${pool.qty} unit${pool.qty === 1 ? "" : "s"} on hand`,
      },
    };
  },
};

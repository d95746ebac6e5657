// Units that stay but change condition: holds, damage, write-offs and cycle counts, with the approvals they can need.
import { DomainError } from "../errors.ts";
import { AMOUNT_SCALE, compareAmounts, fromMinor, toMinor } from "../money.ts";
import { previewIssue } from "../finance/pool.ts";
import { position, sumQty, type Leg } from "../positions.ts";
import { can } from "../roles.ts";
import { PHYSICAL_STATES } from "../states.ts";
import { moveAll, simpleStep, takeFrom, where } from "./steps.ts";
import type { Planner } from "./types.ts";

export const STOCK_PLANNERS: { [T in "hold" | "hold.release" | "damage" | "writeoff" | "count"]: Planner<T> } = {
  hold: simpleStep("AVAILABLE", "QUALITY_HOLD"),
  "hold.release": (input, ctx) => ({
    ...simpleStep("QUALITY_HOLD", "AVAILABLE")(input, ctx),
    approval: { qty: input.qty, amount: null, summary: `Release ${input.qty} from quality hold at ${where(input)}` },
  }),
  damage: (input, ctx) => {
    const committed = input.fromState !== "AVAILABLE";
    if (committed && !input.orderLine) {
      throw new DomainError("invalid_input", `Damage from ${input.fromState} names the order line.`, { orderLine: ["required"] });
    }
    const doc = committed ? input.orderLine : undefined;
    const sources = takeFrom(ctx, { location: input.location, state: input.fromState, bin: input.bin, doc }, input.qty, doc ? `Order line ${doc}` : where(input));
    return {
      type: input.type,
      legs: moveAll(sources, (src) => position(input.location, "DAMAGED", { bin: src.bin })),
      data: { fromState: input.fromState, ...(doc ? { orderLine: doc } : {}) },
    };
  },
  writeoff: (input, ctx) => {
    const plan = simpleStep("DAMAGED", "SCRAP")(input, ctx);
    // The value at stake is what the write-off would take out of the layers now.
    const value = ctx.cost ? previewIssue(ctx.cost, input.qty) : null;
    const amount = value === null ? null : fromMinor(value, AMOUNT_SCALE);
    // The threshold holds for the requester's whole day at this SKU and location, so splitting does not avoid it.
    const dayTotal = value === null ? null : fromMinor(value + toMinor(ctx.today.writeoffValue, AMOUNT_SCALE), AMOUNT_SCALE);
    const belowThreshold = dayTotal !== null && compareAmounts(dayTotal, ctx.policy.writeOffValue) < 0;
    const postsAtOnce = can(ctx.actorRole, "writeoff.approve") && belowThreshold;
    const earlier = ctx.today.writeoffQty ? ` (${ctx.today.writeoffQty} more written off by the same person today)` : "";
    return {
      ...plan,
      data: amount === null ? {} : { valueAtRequest: amount },
      approval: postsAtOnce ? undefined : { qty: input.qty, amount, summary: `Write off ${input.qty} damaged at ${where(input)}${earlier}` },
    };
  },
  count: (input, ctx) => {
    // A count names a bin, or counts the whole location: either way, against everything physically there.
    const bin = input.bin;
    const expected = PHYSICAL_STATES.reduce((total, state) => total + sumQty(ctx.balances, { location: input.location, state, bin }), 0);
    const variance = input.countedQty - expected;
    const data = { countedQty: input.countedQty, expected, variance, bin: bin ?? "" };
    if (variance === 0) return { type: input.type, legs: [], data };
    const rest = bin ? "the rest of the bin is committed or held" : "the rest is committed or held";
    const legs: Leg[] =
      variance > 0
        ? [{ from: position(input.location, "COUNT_ADJUSTMENT"), to: position(input.location, "AVAILABLE", { bin: bin ?? "" }), qty: variance }]
        : moveAll(takeFrom(ctx, { location: input.location, state: "AVAILABLE", bin }, -variance, `${where(input)} (${rest})`), () =>
            position(input.location, "COUNT_ADJUSTMENT"),
          );
    // Like write-offs, the tolerance holds for the counter's whole day at this SKU and location.
    const beyondTolerance = ctx.today.countUnits + Math.abs(variance) > ctx.policy.countVarianceUnits;
    return {
      type: input.type,
      legs,
      data,
      approval: beyondTolerance
        ? { qty: variance, amount: null, summary: `Count at ${where(input)}: ${input.countedQty} counted, ${expected} expected (${variance > 0 ? "+" : ""}${variance})` }
        : undefined,
    };
  },
};

// Units going out: reservations against ATP, picking, packing, shipping and delivery, drop ships and customer returns.
import { DomainError } from "../errors.ts";
import { atpInputAt, atpToday } from "../atp.ts";
import { position } from "../positions.ts";
import { type State } from "../states.ts";
import { moveAll, orderLineStep, requireOrderLine, simpleStep, takeFrom, where } from "./steps.ts";
import type { Planner } from "./types.ts";

export const OUTBOUND_PLANNERS: { [T in "reserve" | "release" | "pick" | "pack" | "ship" | "deliver" | "dropship" | "return.receive" | "return.inspect"]: Planner<T> } = {
  reserve: (input, ctx) => {
    if (ctx.orderLine && (ctx.orderLine.channel !== input.channel || ctx.orderLine.location !== input.location)) {
      throw new DomainError(
        "conflict",
        `Order line ${input.orderLine} belongs to channel ${ctx.orderLine.channel} at ${ctx.orderLine.location}.`,
      );
    }
    const atp = atpToday(atpInputAt(ctx.balances, input.location, ctx.policy), input.channel);
    if (input.qty > atp) {
      throw new DomainError(
        "insufficient_quantity",
        `Only ${Math.max(atp, 0)} can be promised on ${input.channel} at ${input.location} today (after safety stock and other channels' allocations); ${input.qty} requested.`,
      );
    }
    const sources = takeFrom(ctx, { location: input.location, state: "AVAILABLE", bin: input.bin }, input.qty, where(input));
    return {
      type: input.type,
      legs: moveAll(sources, (src) => position(input.location, "RESERVED", { bin: src.bin, doc: input.orderLine, channel: input.channel })),
      data: { orderLine: input.orderLine, channel: input.channel },
      document: ctx.orderLine ? undefined : { kind: "order_line", ref: input.orderLine, location: input.location, channel: input.channel },
    };
  },
  release: (input, ctx) => {
    const line = requireOrderLine(ctx, input.orderLine, input.location);
    const sources = takeFrom(ctx, { location: input.location, state: "RESERVED", doc: input.orderLine, bin: input.bin }, input.qty, `Order line ${input.orderLine}`);
    return {
      type: input.type,
      legs: moveAll(sources, (src) => position(input.location, "AVAILABLE", { bin: src.bin })),
      data: { orderLine: input.orderLine, channel: line.channel },
    };
  },
  pick: orderLineStep("RESERVED", "PICKED"),
  pack: orderLineStep("PICKED", "PACKED"),
  ship: (input, ctx) => {
    const line = requireOrderLine(ctx, input.orderLine, input.location);
    const to: State = input.fob === "destination" ? "OUTBOUND_TRANSIT" : "CUSTOMER";
    const sources = takeFrom(ctx, { location: input.location, state: "PACKED", doc: input.orderLine, bin: input.bin }, input.qty, `Order line ${input.orderLine}`);
    return {
      type: input.type,
      legs: moveAll(sources, () => position(input.location, to, { doc: input.orderLine, channel: line.channel })),
      data: { orderLine: input.orderLine, channel: line.channel, fob: input.fob },
    };
  },
  deliver: orderLineStep("OUTBOUND_TRANSIT", "CUSTOMER"),
  dropship: (input) => ({
    type: input.type,
    legs: [{ from: position(input.location, "SUPPLIER"), to: position(input.location, "CUSTOMER"), qty: input.qty }],
    data: { unitCost: input.unitCost, channel: input.channel, orderLine: input.orderLine },
  }),
  "return.receive": (input) => ({
    type: input.type,
    legs: [{ from: position(input.location, "CUSTOMER"), to: position(input.location, "RETURN_QC", { bin: input.bin, doc: input.rma }), qty: input.qty }],
    data: { rma: input.rma, ...(input.orderLine ? { orderLine: input.orderLine } : {}) },
  }),
  "return.inspect": (input, ctx) => {
    const to: State = input.result === "restock" ? "AVAILABLE" : "DAMAGED";
    return { ...simpleStep("RETURN_QC", to, input.rma)(input, ctx), data: { rma: input.rma, result: input.result } };
  },
};

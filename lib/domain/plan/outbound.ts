// Units going out: reservations against ATP, picking, packing, shipping and delivery, drop ships and customer returns.
import { DomainError } from "../errors.ts";
import { atpInputAt, atpToday } from "../atp.ts";
import { position, type Leg } from "../positions.ts";
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
    legs: [{ from: position(input.location, "SUPPLIER"), to: position(input.location, "CUSTOMER", { doc: input.orderLine }), qty: input.qty }],
    data: { unitCost: input.unitCost, channel: input.channel, orderLine: input.orderLine },
  }),
  "return.receive": (input, ctx) => {
    const to = position(input.location, "RETURN_QC", { bin: input.bin, doc: input.rma });
    const data = { rma: input.rma, ...(input.orderLine ? { orderLine: input.orderLine } : {}) };
    if (!input.orderLine) {
      // Nothing bounds a return without its order line: another person confirms it.
      return {
        type: input.type,
        legs: [{ from: position(input.location, "CUSTOMER"), to, qty: input.qty }],
        data,
        approval: { qty: input.qty, amount: null, summary: `Return of ${input.qty} without an order line at ${where(input)} (RMA ${input.rma})` },
      };
    }
    // What the line left at the customer (delivered or shipped to them, less what came back), wherever it shipped from.
    const atCustomer = ctx.balances.filter((row) => row.state === "CUSTOMER" && row.doc === input.orderLine && row.qty > 0);
    const total = atCustomer.reduce((sum, row) => sum + row.qty, 0);
    if (total < input.qty) {
      throw new DomainError(
        "insufficient_quantity",
        `Order line ${input.orderLine} has ${total} unit${total === 1 ? "" : "s"} at the customer (delivered, less returns already received); ${input.qty} cannot come back against it.`,
        { qty: [`at most ${total}`] },
      );
    }
    let left = input.qty;
    const legs: Leg[] = [];
    for (const row of atCustomer) {
      if (left === 0) break;
      const part = Math.min(left, row.qty);
      legs.push({ from: position(row.location, "CUSTOMER", { doc: input.orderLine }), to, qty: part });
      left -= part;
    }
    return { type: input.type, legs, data };
  },
  "return.inspect": (input, ctx) => {
    const to: State = input.result === "restock" ? "AVAILABLE" : "DAMAGED";
    return { ...simpleStep("RETURN_QC", to, input.rma)(input, ctx), data: { rma: input.rma, result: input.result } };
  },
};

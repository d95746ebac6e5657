// The building blocks every planner shares: taking units from positions (fullest
// bin first), moving them on, and finding the document a move belongs to.
import { DomainError } from "../errors.ts";
import type { EventType } from "../event-types.ts";
import { matches, position, type Leg, type Match, type Position } from "../positions.ts";
import type { State } from "../states.ts";
import type { OrderLineDocument, Plan, PlanContext, PoDocument } from "./types.ts";

/** Takes qty from the matching positions, fullest first, so one event may span bins. */
export function takeFrom(ctx: PlanContext, match: Match, qty: number, describe: string): { from: Position; qty: number }[] {
  const candidates = ctx.balances
    .filter((row) => row.qty > 0 && matches(row, match))
    .sort((a, b) => b.qty - a.qty || a.bin.localeCompare(b.bin));
  const total = candidates.reduce((sum, row) => sum + row.qty, 0);
  if (total < qty) {
    if (total === 0 && match.doc) {
      const elsewhere = ctx.balances.filter((row) => row.doc === match.doc && row.qty > 0 && row.state !== match.state);
      if (elsewhere.length) {
        const where = elsewhere.map((row) => `${row.qty} ${row.state}`).join(", ");
        throw new DomainError(
          "illegal_transition",
          `${describe} has nothing in ${match.state} (it has ${where}); that move is not allowed from there.`,
        );
      }
    }
    throw new DomainError("insufficient_quantity", `${describe}: ${total} in ${match.state}, ${qty} requested.`);
  }
  const taken: { from: Position; qty: number }[] = [];
  let left = qty;
  for (const row of candidates) {
    if (left === 0) break;
    const part = Math.min(left, row.qty);
    taken.push({ from: position(row.location, row.state, row), qty: part });
    left -= part;
  }
  return taken;
}

export function where(input: { location: string; bin?: string }): string {
  return input.bin ? `${input.location} bin ${input.bin}` : input.location;
}

/** Moves units to `to`, keeping each source's bin unless a target bin is named. */
export function moveAll(sources: { from: Position; qty: number }[], to: (from: Position) => Position): Leg[] {
  return sources.map(({ from, qty }) => ({ from, to: to(from), qty }));
}

export function requirePo(ctx: PlanContext, ref: string, location: string): PoDocument {
  if (!ctx.po) throw new DomainError("not_found", `No purchase order ${ref} for this SKU.`);
  if (ctx.po.location !== location) {
    throw new DomainError("invalid_input", `PO ${ref} is due at ${ctx.po.location}, not ${location}.`, { location: [`expected ${ctx.po.location}`] });
  }
  return ctx.po;
}

export function requireOrderLine(ctx: PlanContext, orderLine: string, location: string): OrderLineDocument {
  if (!ctx.orderLine) throw new DomainError("not_found", `No order line ${orderLine} for this SKU.`);
  if (ctx.orderLine.location !== location) {
    throw new DomainError("invalid_input", `Order line ${orderLine} is held at ${ctx.orderLine.location}, not ${location}.`, {
      location: [`expected ${ctx.orderLine.location}`],
    });
  }
  return ctx.orderLine;
}

/** Moves along one order line from one committed state to the next. */
export type StepInput = { type: EventType; qty: number; location: string; bin?: string };

export function orderLineStep(from: State, to: State): (input: StepInput & { orderLine: string; toBin?: string }, ctx: PlanContext) => Plan {
  return (input, ctx) => {
    const line = requireOrderLine(ctx, input.orderLine, input.location);
    const sources = takeFrom(ctx, { location: input.location, state: from, doc: input.orderLine, bin: input.bin }, input.qty, `Order line ${input.orderLine}`);
    const legs = moveAll(sources, (src) =>
      position(input.location, to, { bin: input.toBin ?? src.bin, doc: input.orderLine, channel: line.channel }),
    );
    return { type: input.type, legs, data: { orderLine: input.orderLine, channel: line.channel } };
  };
}

/** A move within one location from one state to another, bins kept. */
export function simpleStep(from: State, to: State, doc?: string): (input: StepInput, ctx: PlanContext) => Plan {
  return (input, ctx) => {
    const sources = takeFrom(ctx, { location: input.location, state: from, bin: input.bin, doc }, input.qty, where(input));
    return { type: input.type, legs: moveAll(sources, (src) => position(input.location, to, { bin: src.bin })), data: {} };
  };
}

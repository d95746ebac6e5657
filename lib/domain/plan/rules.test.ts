// The rules every plan passes, as pure functions: history, approvals that post
// what they showed, reversals, day-total thresholds and bounded returns.
import { describe, expect, it } from "vitest";
import { planEvent, replanApproved, type PlanContext } from "../plan.ts";
import { EventInputSchema } from "../event-input.ts";
import { reversalApproval, EVENT_RULES, type EventType } from "../event-types.ts";
import { DomainError } from "../errors.ts";
import { position, positionKey, type BalanceRow } from "../positions.ts";
import { now, parse, planContext, pooled, row } from "./test-context.ts";

// Cheaper units and a lower write-off threshold than the planner's table tests.
const ctx = (balances: BalanceRow[], over: Partial<PlanContext> = {}) =>
  planContext(balances, { cost: pooled("5.00", 10), ...over }, { writeOffValue: "20.00" });
const outcome = (fn: () => { approval?: unknown }) => {
  try {
    return fn().approval ? "approval" : "posts";
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
};
const available = (qty: number) => row("AVAILABLE", qty);
const key = (state: BalanceRow["state"]) => positionKey(position("WH", state));

describe("history: a back-dated move must fit every moment since its date", () => {
  const yesterday = new Date(now.getTime() - 86_400_000);
  it.each([
    ["nothing later: fits what is there now", 5, {}, "posts"],
    ["the 5 arrived later: refused", 5, { [key("AVAILABLE")]: { arriving: 5, until: now.toISOString() } }, "history_conflict"],
    ["3 of the 8 arrived later: 5 were there", 5, { [key("AVAILABLE")]: { arriving: 3, until: now.toISOString() } }, "posts"],
    ["4 of the 8 arrived later: 4 were there", 5, { [key("AVAILABLE")]: { arriving: 4, until: now.toISOString() } }, "history_conflict"],
    ["more than there is now: refused as such", 9, {}, "insufficient_quantity"],
  ] as const)("%s", (_name, qty, later, expected) => {
    expect(outcome(() => planEvent(parse({ type: "hold", qty }), ctx([available(8)], { occurredAt: yesterday, later })))).toBe(expected);
  });

  it("refuses a date in the future beyond the clock skew, accepts one within it", () => {
    expect(outcome(() => planEvent(parse({ type: "hold", qty: 1 }), ctx([available(8)], { occurredAt: new Date(now.getTime() + 6 * 60_000) })))).toBe("invalid_input");
    expect(outcome(() => planEvent(parse({ type: "hold", qty: 1 }), ctx([available(8)], { occurredAt: new Date(now.getTime() + 60_000) })))).toBe("posts");
  });
});

describe("approvals post what they showed", () => {
  const count = planEvent(parse({ type: "count", countedQty: 2 }), ctx([available(10)], { policy: { ...ctx([]).policy, countVarianceUnits: 0 } }));

  it("a count keeps its variance when stock arrives before the decision", () => {
    const later = replanApproved(count, ctx([available(60)]));
    expect(later.legs.map((leg) => [leg.from.state, leg.to.state, leg.qty])).toEqual([["AVAILABLE", "COUNT_ADJUSTMENT", 8]]);
    expect(later.approval).toBeUndefined();
  });

  it("is refused as stale when the shown moves no longer fit", () => {
    expect(outcome(() => replanApproved(count, ctx([available(3)])))).toBe("approval_stale");
  });
});

describe("reversals", () => {
  const target = (type: string, legs = [{ from: position("WH", "AVAILABLE"), to: position("WH", "QUALITY_HOLD"), qty: 2 }]) => ({
    group: "00000000-0000-4000-8000-000000000001", type, firstSeq: 7, occurredAt: new Date(now.getTime() - 3_600_000), legs, reversed: false,
    seqs: legs.map((_, i) => 7 + i), reference: null, poolOut: legs.map(() => 0n),
  });
  const input = EventInputSchema.parse({ type: "reverse", reverses: 7, reason: "mistake" });
  if (input.type !== "reverse") throw new Error("unreachable");
  const reverse = (over: Partial<PlanContext>) => planEvent(input, ctx([row("QUALITY_HOLD", 2), available(5)], over));

  it.each(Object.keys(EVENT_RULES) as EventType[])("%s: approval needed to undo it follows the table", (type) => {
    const expected: Record<string, string> = {
      hold: "hold.approve", "hold.release": "hold.approve", writeoff: "writeoff.approve", count: "count.approve",
      "return.receive": "returns.approve", "cost.change": "cost.approve",
    };
    expect(reversalApproval(type)).toBe(expected[type]);
  });

  it("undoing a hold is a release: it needs approval", () => {
    expect(outcome(() => reverse({ reversal: target("hold") }))).toBe("approval");
  });
  it("once only", () => {
    expect(outcome(() => reverse({ reversal: { ...target("hold"), reversed: true } }))).toBe("conflict");
  });
  it("needs the permission of the type it undoes", () => {
    expect(outcome(() => reverse({ reversal: target("hold"), actorRole: "sales" }))).toBe("forbidden");
  });
  it("is never dated before the event it undoes", () => {
    expect(outcome(() => reverse({ reversal: target("hold"), occurredAt: new Date(now.getTime() - 7_200_000) }))).toBe("history_conflict");
  });
  it("undoing a release reserves again, within the channel's ATP only", () => {
    const released = target("release", [{ from: position("WH", "RESERVED", { doc: "L1", channel: "web" }), to: position("WH", "AVAILABLE"), qty: 4 }]);
    const tight = { ...ctx([]).policy, safetyStock: 2 };
    expect(outcome(() => reverse({ reversal: released, actorRole: "sales" }))).toBe("posts");
    expect(outcome(() => reverse({ reversal: released, actorRole: "sales", policies: { WH: tight } }))).toBe("insufficient_quantity");
  });
});

describe("thresholds hold for the requester's day", () => {
  it.each([
    ["first write-off of the day, below 20.00", 0, 3, "posts"],
    ["3 written off at once already: 6 × 5.00 reaches 20.00", 3, 3, "approval"],
  ])("%s", (_name, writeoffQty, qty, expected) => {
    expect(outcome(() => planEvent(parse({ type: "writeoff", qty }), ctx([row("DAMAGED", 10)], { actorRole: "finance", today: { writeoffQty, writeoffValue: `${writeoffQty * 5}.00`, countUnits: 0 } })))).toBe(expected);
  });

  it.each([
    [0, 2, "posts"],
    [1, 2, "approval"],
  ])("counts: %i already varied today, %i more against a tolerance of 2", (countUnits, variance, expected) => {
    expect(outcome(() => planEvent(parse({ type: "count", countedQty: 10 + variance }), ctx([available(10)], { today: { writeoffQty: 0, writeoffValue: "0.00", countUnits } })))).toBe(expected);
  });
});

describe("returns", () => {
  const atCustomer = (qty: number) => ({ ...position("WH", "CUSTOMER", { doc: "L1" }), qty });
  it.each([
    ["within what the line left at the customer", [atCustomer(3)], 3, "posts"],
    ["beyond it", [atCustomer(1)], 2, "insufficient_quantity"],
    ["on a line that never reached the customer", [], 1, "insufficient_quantity"],
  ] as const)("against an order line: %s", (_name, balances, qty, expected) => {
    expect(outcome(() => planEvent(parse({ type: "return.receive", qty, rma: "R1", orderLine: "L1" }), ctx([...balances])))).toBe(expected);
  });

  it("without an order line waits for approval", () => {
    expect(outcome(() => planEvent(parse({ type: "return.receive", qty: 1, rma: "R1" }), ctx([])))).toBe("approval");
  });
});

describe("counts", () => {
  const bins = [row("AVAILABLE", 5, { bin: "A" }), row("AVAILABLE", 3, { bin: "B" }), row("QUALITY_HOLD", 2, { bin: "B" })];
  it.each([
    ["a bin, against everything in it", { bin: "B", countedQty: 4 }, 5, -1],
    ["the whole location, against every bin", { countedQty: 9 }, 10, -1],
    ["the whole location, a gain", { countedQty: 12 }, 10, 2],
  ])("%s", (_name, body, expected, variance) => {
    const plan = planEvent(parse({ type: "count", ...body }), ctx(bins, { policy: { ...ctx([]).policy, countVarianceUnits: 5 } }));
    expect([plan.data.expected, plan.data.variance]).toEqual([expected, variance]);
    expect(plan.legs.reduce((total, leg) => total + leg.qty, 0)).toBe(Math.abs(variance));
  });
});

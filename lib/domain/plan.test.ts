import { describe, expect, it } from "vitest";
import { planEvent } from "./plan.ts";

import { atpToday } from "./atp.ts";
import { extend, compareAmounts, rescale, toMinor, fromMinor } from "./money.ts";
import { parse, planContext, row } from "./plan/test-context.ts";
import { EVENT_RULES } from "./event-types.ts";
import { DomainError } from "./errors.ts";

const ctx = planContext;
const refused = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return "accepted";
};

describe("the transition table", () => {
  it("every rule moves only between distinct states", () => {
    for (const rule of Object.values(EVENT_RULES)) for (const [from, to] of rule.moves) expect(from).not.toBe(to);
  });

  it.each([
    ["inspect pass: RECEIVING → AVAILABLE", { type: "inspect", qty: 2, result: "pass" }, "RECEIVING", "AVAILABLE"],
    ["inspect reject: RECEIVING → REJECTED", { type: "inspect", qty: 2, result: "reject" }, "RECEIVING", "REJECTED"],
    ["inspect hold: RECEIVING → QUALITY_HOLD", { type: "inspect", qty: 2, result: "hold" }, "RECEIVING", "QUALITY_HOLD"],
    ["hold: AVAILABLE → QUALITY_HOLD", { type: "hold", qty: 2 }, "AVAILABLE", "QUALITY_HOLD"],
    ["damage: AVAILABLE → DAMAGED", { type: "damage", qty: 2, fromState: "AVAILABLE" }, "AVAILABLE", "DAMAGED"],
    ["vendor return: REJECTED → SUPPLIER", { type: "vendor.return", qty: 2 }, "REJECTED", "SUPPLIER"],
  ])("%s", (_name, body, from, to) => {
    const plan = planEvent(parse(body), ctx([row("RECEIVING", 5), row("AVAILABLE", 5), row("REJECTED", 5)]));
    expect(plan.legs.map((l) => [l.from.state, l.to.state, l.qty])).toEqual([[from, to, 2]]);
  });

  it("takes from the fullest bins first and spans bins when one is not enough", () => {
    const plan = planEvent(parse({ type: "hold", qty: 7 }), ctx([row("AVAILABLE", 3, { bin: "A" }), row("AVAILABLE", 5, { bin: "B" })]));
    expect(plan.legs.map((l) => [l.from.bin, l.qty])).toEqual([["B", 5], ["A", 2]]);
  });

  it("refuses more than the source holds", () => {
    expect(refused(() => planEvent(parse({ type: "hold", qty: 6 }), ctx([row("AVAILABLE", 5)])))).toBe("insufficient_quantity");
  });

  it("refuses a role that does not own the transition", () => {
    expect(refused(() => planEvent(parse({ type: "hold", qty: 1 }), ctx([row("AVAILABLE", 5)], { actorRole: "sales" })))).toBe("forbidden");
  });

  it("refuses an event dated in the future", () => {
    const occurredAt = new Date("2026-06-16T00:00:00Z");
    expect(refused(() => planEvent(parse({ type: "hold", qty: 1, occurredAt: occurredAt.toISOString() }), ctx([row("AVAILABLE", 5)], { occurredAt })))).toBe("invalid_input");
  });
});

describe("approvals", () => {
  it.each([
    ["finance, below threshold: posts at once", "finance", 5, false],
    ["finance, at threshold: needs approval", "finance", 10, true],
    ["warehouse, any value: needs approval", "warehouse", 1, true],
  ] as const)("write-off by %s", (_name, role, qty, needsApproval) => {
    const plan = planEvent(parse({ type: "writeoff", qty }), ctx([row("DAMAGED", 20)], { actorRole: role }));
    expect(Boolean(plan.approval)).toBe(needsApproval);
  });

  it.each([
    [10, 11, false],
    [10, 12, false],
    [10, 13, true],
    [10, 7, true],
  ])("count of %i expected, %i counted: approval %s beyond a tolerance of 2", (expected, counted, needsApproval) => {
    const plan = planEvent(parse({ type: "count", countedQty: counted }), ctx([row("AVAILABLE", expected)]));
    expect(Boolean(plan.approval)).toBe(needsApproval);
    expect(plan.data.variance).toBe(counted - expected);
  });

  it("a count that matches posts a memo", () => {
    expect(planEvent(parse({ type: "count", countedQty: 4 }), ctx([row("AVAILABLE", 4)])).legs).toEqual([]);
  });
});

describe("available to promise", () => {
  const input = { available: 100, safetyStock: 10, fences: { wholesale: 30, marketplace: 20 }, committed: { wholesale: 12, marketplace: 25 } };
  it.each([
    ["web", 100 - 10 - 18 - 0],
    ["wholesale", 100 - 10 - 0],
    ["marketplace", 100 - 10 - 18],
  ])("%s → %i", (channel, atp) => {
    expect(atpToday(input, channel)).toBe(atp);
  });

  it("shows a shortfall as a negative number", () => {
    expect(atpToday({ available: 5, safetyStock: 10, fences: {}, committed: {} }, "web")).toBe(-5);
  });

  it("a reservation beyond ATP is refused even when units are AVAILABLE", () => {
    const balances = [row("AVAILABLE", 10)];
    const policy = { safetyStock: 3, inspectionLeadDays: 0, writeOffValue: "1", countVarianceUnits: 0, fences: { wholesale: 4 } };
    const reserve = (qty: number) => planEvent(parse({ type: "reserve", qty, channel: "web", orderLine: "L1" }), ctx(balances, { actorRole: "sales", policy }));
    // 10 available − 3 safety stock − 4 fenced for wholesale = 3 promisable on web.
    expect(refused(() => reserve(3))).toBe("accepted");
    expect(refused(() => reserve(4))).toBe("insufficient_quantity");
  });
});

describe("money", () => {
  it("extends quantity by unit cost exactly", () => {
    expect(extend(3, "0.1")).toBe("0.30");
    expect(extend(15, "6.5")).toBe("97.50");
    expect(extend(7, "1.0049")).toBe("7.03");
  });
  it("rounds half away from zero and round-trips", () => {
    expect(fromMinor(rescale(toMinor("2.345", 4), 4, 2), 2)).toBe("2.35");
    expect(fromMinor(rescale(toMinor("-2.345", 4), 4, 2), 2)).toBe("-2.35");
    expect(compareAmounts("10.00", "9.9999")).toBe(1);
  });
});

import { describe, expect, it } from "vitest";
import { dayEnd, dayOf, dayStart, periodEnd, periodOf } from "./periods.ts";

describe("business days are UTC", () => {
  it.each([
    ["2026-03-01T00:00:00Z", "2026-03-01"],
    ["2026-02-28T23:59:59.999Z", "2026-02-28"],
    // 21:00 on 4 January in New York is already 5 January in UTC.
    ["2026-01-04T21:00:00-05:00", "2026-01-05"],
    // 08:00 on 5 January in Tokyo is still 4 January in UTC.
    ["2026-01-05T08:00:00+09:00", "2026-01-04"],
  ])("%s is on %s", (moment, day) => {
    expect(dayOf(new Date(moment))).toBe(day);
  });

  it("a day string is its own day; anything else is refused", () => {
    expect(dayOf("2026-01-05")).toBe("2026-01-05");
    expect(() => dayOf("2026-01-05T00:00:00Z")).toThrow(RangeError);
  });

  it("a day runs from its UTC midnight to the next", () => {
    expect(dayStart("2026-12-31").toISOString()).toBe("2026-12-31T00:00:00.000Z");
    expect(dayEnd("2026-12-31").toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });

  it("a period is a UTC month", () => {
    expect(periodOf(new Date("2026-01-31T22:00:00-05:00"))).toBe("2026-02");
    expect(periodEnd("2026-12").toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });
});

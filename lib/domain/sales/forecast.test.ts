import { describe, expect, it } from "vitest";
import { daysOfCover, holdoutError, holt, reorderSuggestion } from "./forecast.ts";

describe("Holt's linear forecast", () => {
  it("continues a straight line exactly", () => {
    expect(holt([10, 12, 14, 16, 18, 20], 3).map((v) => Math.round(v * 1000) / 1000)).toEqual([22, 24, 26]);
  });
  it("settles on a flat series", () => {
    expect(holt([5, 5, 5, 5, 5], 2)).toEqual([5, 5]);
  });
  it("never forecasts below zero", () => {
    expect(holt([9, 6, 3, 0, 0], 4).every((v) => v >= 0)).toBe(true);
  });
  it("forecasts nothing from no history", () => {
    expect(holt([], 2)).toEqual([0, 0]);
  });
});

describe("error on the weeks it did not see", () => {
  it("is zero for a series it can follow exactly", () => {
    expect(holdoutError([10, 12, 14, 16, 18, 20, 22, 24, 26, 28])).toMatchObject({ mae: expect.closeTo(0, 6), weeks: 4 });
  });
  it("measures the miss on a changed pattern", () => {
    const error = holdoutError([10, 10, 10, 10, 10, 10, 20, 20, 20, 20])!;
    expect(error.mae).toBeCloseTo(10, 6);
    expect(error.mape).toBeCloseTo(50, 6);
  });
  it("is not claimed with too little history", () => {
    expect(holdoutError([1, 2, 3])).toBeNull();
  });
});

describe("cover and reorder", () => {
  it.each([
    [14, 7, 14],
    [3, 7, 3],
    [-2, 7, 0],
  ])("ATP %i at %i a week lasts %i days", (atp, weekly, days) => {
    expect(daysOfCover(atp, weekly)).toBe(days);
  });
  it("has no cover figure without demand", () => {
    expect(daysOfCover(10, 0)).toBeNull();
  });
  it("suggests enough for the lead time and the review period, ordered before cover runs out", () => {
    expect(reorderSuggestion({ today: "2026-03-02", atp: 20, incoming: 0, weeklyForecast: 7, leadTimeDays: 10, safetyStock: 5 })).toMatchObject({
      qty: 10 + 28 + 5 - 20,
      orderBy: "2026-03-12",
    });
  });
  it("suggests nothing when stock and incoming cover it", () => {
    expect(reorderSuggestion({ today: "2026-03-02", atp: 40, incoming: 10, weeklyForecast: 7, leadTimeDays: 10, safetyStock: 5 })).toBeNull();
  });
});

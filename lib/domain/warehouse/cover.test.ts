import { describe, expect, test } from "vitest";
import { forecastCover, weeklySeries } from "./cover.ts";

describe("weeklySeries", () => {
  test.each([
    { name: "no demand: no weeks", weeks: [], want: [] },
    { name: "gaps are zero weeks", weeks: [{ week: "2026-10-05", qty: 4 }, { week: "2026-10-19", qty: 6 }], want: [4, 0, 6, 0] },
    { name: "the week in progress is left out", weeks: [{ week: "2026-10-26", qty: 3 }, { week: "2026-11-02", qty: 9 }], want: [3] },
    { name: "only this week: nothing complete yet", weeks: [{ week: "2026-11-02", qty: 9 }], want: [] },
  ])("$name", ({ weeks, want }) => {
    expect(weeklySeries(weeks, "2026-11-02")).toEqual(want);
  });
});

describe("forecastCover", () => {
  test.each([
    { name: "no history keeps nothing back", series: [], days: 14, want: { units: 0, weekly: 0 } },
    { name: "steady demand: two weeks of it", series: [7, 7, 7, 7], days: 14, want: { units: 14, weekly: 7 } },
    { name: "part of a week counts in proportion, rounded up", series: [7, 7, 7], days: 10, want: { units: 10, weekly: 7 } },
    { name: "a rising trend keeps back more than the last week: it carries on", series: [2, 4, 6, 8, 10, 12], days: 14, want: { units: 30, weekly: 14 } },
    { name: "demand that stopped decays toward nothing, never below zero", series: [10, 8, 4, 0, 0, 0, 0, 0], days: 14, want: { units: 0, weekly: 0 } },
  ])("$name", ({ series, days, want }) => {
    expect(forecastCover(series, days)).toEqual(want);
  });
});

import { describe, expect, it, test } from "vitest";
import fc from "fast-check";
import { shortfall, suggestTransfers, surplus, type LocationStock } from "./rebalance.ts";
import { forecastCover } from "./cover.ts";

const at = (location: string, parts: Partial<LocationStock> = {}): LocationStock => ({
  location, available: 0, safetyStock: 0, fences: {}, committed: {}, channels: ["web"], cover: 0, inTransfer: 0, ...parts,
});

describe("shortfall", () => {
  test.each([
    { name: "at safety stock: none", stock: at("A", { available: 5, safetyStock: 5 }), want: null },
    { name: "below safety stock", stock: at("A", { available: 2, safetyStock: 5 }), want: 3 },
    { name: "another channel's fence makes a served channel's ATP negative", stock: at("A", { available: 4, fences: { wholesale: 6 }, channels: ["web", "wholesale"] }), want: 2 },
    { name: "a fence consumed by its own orders holds nothing back", stock: at("A", { available: 4, fences: { wholesale: 6 }, committed: { wholesale: 6 }, channels: ["web"] }), want: null },
    { name: "units already on their way meet the need", stock: at("A", { available: 0, safetyStock: 5, inTransfer: 5 }), want: null },
    { name: "partly on their way", stock: at("A", { available: 0, safetyStock: 5, inTransfer: 2 }), want: 3 },
  ])("$name", ({ stock, want }) => {
    expect(shortfall(stock)?.qty ?? null).toBe(want);
  });
});

describe("surplus", () => {
  test.each([
    { name: "beyond safety stock", stock: at("B", { available: 20, safetyStock: 5 }), want: 15 },
    { name: "fences and cover are kept back", stock: at("B", { available: 20, safetyStock: 5, fences: { web: 4 }, committed: { web: 1 }, cover: 6 }), want: 6 },
    { name: "never negative", stock: at("B", { available: 1, safetyStock: 5 }), want: 0 },
  ])("$name", ({ stock, want }) => {
    expect(surplus(stock)).toBe(want);
  });
});

describe("suggestTransfers", () => {
  it("moves surplus to the location short of it", () => {
    const out = suggestTransfers("S", [at("STORE", { available: 1, safetyStock: 6 }), at("WH", { available: 40, safetyStock: 10 })]);
    expect(out).toEqual([expect.objectContaining({ sku: "S", from: "WH", to: "STORE", qty: 5 })]);
  });

  it("a giver keeps back its forecast cover: steady demand of 7 a week holds 14 back over 14 days", () => {
    const cover = forecastCover([7, 7, 7, 7]).units;
    const out = suggestTransfers("S", [at("STORE", { available: 0, safetyStock: 20 }), at("WH", { available: 30, safetyStock: 5, cover })]);
    expect(out).toEqual([expect.objectContaining({ from: "WH", to: "STORE", qty: 11 })]);
  });

  it("splits a need over several givers, largest first, and suggests nothing without surplus", () => {
    const out = suggestTransfers("S", [at("A", { available: 0, safetyStock: 10 }), at("B", { available: 6 }), at("C", { available: 8 })]);
    expect(out.map(({ from, qty }) => [from, qty])).toEqual([["C", 8], ["B", 2]]);
    expect(suggestTransfers("S", [at("A", { available: 0, safetyStock: 10 }), at("B", { available: 3, safetyStock: 3 })])).toEqual([]);
  });

  const stockArb = fc.record({
    available: fc.nat(60), safetyStock: fc.nat(20), cover: fc.nat(10), inTransfer: fc.nat(5),
    fences: fc.dictionary(fc.constantFrom("web", "marketplace", "wholesale"), fc.nat(10)),
    committed: fc.dictionary(fc.constantFrom("web", "marketplace", "wholesale"), fc.nat(10)),
    channels: fc.subarray(["web", "marketplace", "wholesale"]),
  });

  it("never takes more than a surplus, never gives more than a need, never ships from a location in need", () => {
    fc.assert(
      fc.property(fc.array(stockArb, { minLength: 1, maxLength: 5 }), (parts) => {
        const stocks = parts.map((part, i) => at(`L${i}`, part));
        const out = suggestTransfers("S", stocks);
        for (const stock of stocks) {
          const given = out.filter((s) => s.from === stock.location).reduce((t, s) => t + s.qty, 0);
          const got = out.filter((s) => s.to === stock.location).reduce((t, s) => t + s.qty, 0);
          expect(given).toBeLessThanOrEqual(surplus(stock));
          expect(got).toBeLessThanOrEqual(shortfall(stock)?.qty ?? 0);
          if (shortfall(stock)) expect(given).toBe(0);
        }
        for (const s of out) {
          expect(s.qty).toBeGreaterThan(0);
          expect(s.from).not.toBe(s.to);
        }
      }),
    );
  });
});

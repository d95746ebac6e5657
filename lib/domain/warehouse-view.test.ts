import { describe, expect, it } from "vitest";
import { warehouseView, type StateRow } from "./warehouse-view.ts";

const row = (location: string, state: StateRow["state"], qty: number, bin = ""): StateRow => ({ location, state, bin, qty });

describe("which locations the warehouse view lists", () => {
  it.each<[string, StateRow[], string[]]>([
    ["none without stock", [], []],
    ["only where the SKU has a position, sorted", [row("WH-WEST", "AVAILABLE", 2, "R-01"), row("STORE", "ON_ORDER", 5)], ["STORE", "WH-WEST"]],
    ["not where only external positions are", [row("WH-EAST", "SUPPLIER", -5), row("WH-WEST", "AVAILABLE", 5, "R-01")], ["WH-WEST"]],
    ["not where movements net to nothing", [row("WH-EAST", "AVAILABLE", 3, "A-01"), row("WH-EAST", "AVAILABLE", -3, "A-01")], []],
    ["a location with units in transit only", [row("WH-WEST", "TRANSFER_TRANSIT", 4)], ["WH-WEST"]],
  ])("%s", (_, rows, expected) => {
    expect(warehouseView(rows).locations.map((l) => l.location)).toEqual(expected);
  });

  it("lists the locations asked for, empty ones too, and only those", () => {
    const rows = [row("WH-EAST", "AVAILABLE", 3, "A-01"), row("WH-WEST", "AVAILABLE", 1, "R-01")];
    const view = warehouseView(rows, ["STORE", "WH-EAST"]);
    expect(view.locations).toEqual([
      { location: "STORE", states: {}, bins: [], onHand: 0, usable: 0 },
      { location: "WH-EAST", states: { AVAILABLE: 3 }, bins: [{ bin: "A-01", states: { AVAILABLE: 3 }, onHand: 3 }], onHand: 3, usable: 3 },
    ]);
    expect([view.onHand, view.usable]).toEqual([3, 3]);
  });

  it("totals over the listed locations", () => {
    const view = warehouseView([row("WH-EAST", "AVAILABLE", 3, "A-01"), row("WH-EAST", "QUALITY_HOLD", 2, "A-01"), row("STORE", "RESERVED", 1, "S-01")]);
    expect([view.onHand, view.usable, view.locations.length]).toEqual([6, 4, 2]);
  });
});

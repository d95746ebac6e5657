import { describe, expect, it, test } from "vitest";
import fc from "fast-check";
import { networkUnits, stockGridRow } from "./stock-grid.ts";
import { INTERNAL_STATES } from "../states.ts";

describe("stock grid row", () => {
  test.each([
    { name: "available only", cells: [{ state: "AVAILABLE", qty: 5 }], onHand: 5, usable: 5 },
    { name: "committed states are usable", cells: [{ state: "RESERVED", qty: 2 }, { state: "PICKED", qty: 1 }, { state: "PACKED", qty: 3 }], onHand: 6, usable: 6 },
    { name: "receiving, hold, damaged, return QC and rejected are on hand, not usable", cells: ["RECEIVING", "QUALITY_HOLD", "DAMAGED", "RETURN_QC", "REJECTED"].map((state) => ({ state, qty: 1 })), onHand: 5, usable: 0 },
    { name: "incoming and outgoing states are not on hand", cells: ["ON_ORDER", "INBOUND_TRANSIT", "OUTBOUND_TRANSIT", "TRANSFER_TRANSIT"].map((state) => ({ state, qty: 4 })), onHand: 0, usable: 0 },
    { name: "external states are ignored", cells: [{ state: "CUSTOMER", qty: 9 }, { state: "AVAILABLE", qty: 1 }], onHand: 1, usable: 1 },
  ])("$name", ({ cells, onHand, usable }) => {
    const row = stockGridRow("S", "Sku", cells);
    expect(row.onHand).toBe(onHand);
    expect(row.usable).toBe(usable);
  });

  it("shows transfer transit as incoming, and outgoing apart, in neither's on hand", () => {
    const row = stockGridRow("S", "Sku", [{ state: "TRANSFER_TRANSIT", qty: 3 }, { state: "AVAILABLE", qty: 2 }], 4);
    expect(row).toMatchObject({ transitIn: 3, transitOut: 4, onHand: 2, usable: 2 });
  });

  it("usable never exceeds on hand, whatever the states", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ state: fc.constantFrom(...INTERNAL_STATES), qty: fc.nat(50) })), (cells) => {
        const row = stockGridRow("S", "Sku", cells);
        expect(row.usable).toBeLessThanOrEqual(row.onHand);
        expect(row.onHand).toBe(cells.filter((c) => !["ON_ORDER", "INBOUND_TRANSIT", "OUTBOUND_TRANSIT", "TRANSFER_TRANSIT"].includes(c.state)).reduce((t, c) => t + c.qty, 0));
      }),
    );
  });

  it("a transfer in transit leaves the network's units unchanged", () => {
    const before = [stockGridRow("S", "", [{ state: "AVAILABLE", qty: 10 }]), stockGridRow("S", "", [{ state: "AVAILABLE", qty: 1 }])];
    const during = [stockGridRow("S", "", [{ state: "AVAILABLE", qty: 6 }], 4), stockGridRow("S", "", [{ state: "AVAILABLE", qty: 1 }, { state: "TRANSFER_TRANSIT", qty: 4 }])];
    expect(networkUnits(during)).toBe(networkUnits(before));
  });
});

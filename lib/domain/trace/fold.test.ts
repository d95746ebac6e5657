import { describe, expect, it } from "vitest";
import { foldTrace } from "./fold.ts";
import { effectOf, totalsOf } from "./effects.ts";
import { ZERO_TOTALS, type TraceLeg, type TraceLine } from "./types.ts";

const at = (state: string, doc = "") => ({ location: "WH", state, bin: "", doc });
const leg = (qty: number, from: string, to: string, docs: { from?: string; to?: string } = {}): TraceLeg => ({
  seq: 0, qty, from: at(from, docs.from), to: at(to, docs.to), channel: null,
});
const line = (account: TraceLine["account"], debit: bigint, credit: bigint): TraceLine => ({ seq: 0, account, debit, credit, doc: "" });
const none = new Set<string>();

describe("an event's effect on the three views", () => {
  it.each([
    ["PO confirmed", leg(10, "SUPPLIER", "ON_ORDER", { to: "PO-1" }), { incoming: 10 }],
    ["received", leg(10, "ON_ORDER", "RECEIVING", { from: "PO-1" }), { incoming: -10, onHand: 10, owned: 10 }],
    ["inspected", leg(10, "RECEIVING", "AVAILABLE"), { usable: 10, available: 10 }],
    ["reserved", leg(4, "AVAILABLE", "RESERVED", { to: "SO-1" }), { available: -4, committed: 4 }],
    ["shipped FOB destination", leg(4, "PACKED", "OUTBOUND_TRANSIT", { from: "SO-1", to: "SO-1" }), { onHand: -4, usable: -4, committed: -4 }],
    ["delivered", leg(4, "OUTBOUND_TRANSIT", "CUSTOMER", { from: "SO-1", to: "SO-1" }), { owned: -4 }],
    ["return received", leg(1, "CUSTOMER", "RETURN_QC", { from: "SO-1", to: "RMA-1" }), { onHand: 1, owned: 1 }],
    ["written off", leg(1, "DAMAGED", "SCRAP"), { onHand: -1, owned: -1 }],
    ["transfer shipped", leg(2, "AVAILABLE", "TRANSFER_TRANSIT", { to: "T-1" }), { onHand: -2, usable: -2, available: -2, incoming: 2 }],
  ])("%s", (_name, moved, expected) => {
    expect(effectOf([moved], [], none)).toEqual({ ...ZERO_TOTALS, ...expected });
  });

  it("counts inbound goods as owned only under FOB shipping point", () => {
    const shipped = leg(5, "ON_ORDER", "INBOUND_TRANSIT", { from: "PO-SP", to: "PO-SP" });
    expect(effectOf([shipped], [], new Set(["PO-SP"])).owned).toBe(5);
    expect(effectOf([shipped], [], none).owned).toBe(0);
  });

  it("values an event by its lines on inventory and inventory in transit only", () => {
    const lines = [line("inventory", 5000n, 0n), line("grni", 0n, 5000n), line("inventory_in_transit", 0n, 1234n), line("cogs", 1234n, 0n)];
    expect(effectOf([], lines, none).value).toBe(3766n);
  });
});

describe("running totals", () => {
  const groups = [
    { legs: [leg(10, "SUPPLIER", "ON_ORDER", { to: "PO" })], lines: [] },
    { legs: [leg(10, "ON_ORDER", "RECEIVING", { from: "PO" })], lines: [line("inventory", 5000n, 0n), line("grni", 0n, 5000n)] },
    { legs: [leg(10, "RECEIVING", "AVAILABLE")], lines: [] },
  ];

  it("each row's after is the last plus its effect, and the last equals the views over the final positions", () => {
    const traced = foldTrace(ZERO_TOTALS, groups, none);
    expect(traced.map((g) => g.after.onHand)).toEqual([0, 10, 10]);
    expect(traced.at(-1)!.after).toEqual({ ...totalsOf([{ state: "AVAILABLE", doc: "", qty: 10 }], none), value: 5000n });
  });

  it("restarts from the totals the server knows before a group", () => {
    const before = { ...ZERO_TOTALS, onHand: 7, value: 100n };
    const traced = foldTrace(ZERO_TOTALS, [groups[0], { ...groups[2], before }], none);
    expect(traced[1].after).toEqual({ ...before, usable: 10, available: 10 });
  });
});

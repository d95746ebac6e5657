import { describe, expect, test } from "vitest";
import { fromMinor, toMinor } from "../money.ts";
import { position, type Leg } from "../positions.ts";
import type { State } from "../states.ts";
import { emptyCostState, settledSeq, type Account, type CostingMethod, type CostState } from "./cost-state.ts";
import { valueEvent, type ValuationInput } from "./value-event.ts";

const cents = (value: bigint) => fromMinor(value, 2);
const cost4 = (value: string) => toMinor(value, 4);

/** A SKU's valuation driven event by event, with the journal kept per account. */
function ledger(method: CostingMethod, standard?: string) {
  let state: CostState = emptyCostState(method, standard ? cost4(standard) : null);
  const accounts = new Map<Account, bigint>();
  let seq = 0;
  let id = 0;
  const poolOut = new Map<number, { seqs: number[]; poolOut: bigint[]; reference: string | null }>();
  const post = (type: string, legs: Leg[], extra: Partial<ValuationInput> = {}) => {
    const seqs = legs.length ? legs.map(() => ++seq) : [++seq];
    const valuation = valueEvent(state, {
      type, legs, occurredAt: new Date(Date.UTC(2026, 2, 1, 0, seq)), data: {}, reference: null, location: "WH", newId: () => `L${++id}`, ...extra,
    });
    for (const layer of valuation.state.layers) layer.seq = settledSeq(layer.seq, seqs);
    state = valuation.state;
    let balance = 0n;
    for (const line of valuation.lines) {
      accounts.set(line.account, (accounts.get(line.account) ?? 0n) + line.amount);
      balance += line.amount;
    }
    expect(balance).toBe(0n);
    poolOut.set(seqs[0], { seqs, poolOut: valuation.poolOut, reference: extra.reference ?? null });
    return { first: seqs[0], lines: valuation.lines };
  };
  const leg = (from: State, to: State, qty: number, docs: { from?: string; to?: string } = {}): Leg => ({
    from: position("WH", from, { doc: docs.from }), to: position("WH", to, { doc: docs.to }), qty,
  });
  const api = {
    get state() { return state; },
    account: (name: Account) => cents(accounts.get(name) ?? 0n),
    value: () => cents(state.pool.value),
    po(ref: string, unitCost: string, fob = "destination") {
      state = { ...state, pos: { ...state.pos, [ref]: { unitCost: cost4(unitCost), fob } } };
    },
    receive: (ref: string, qty: number) => post("receive", [leg("ON_ORDER", "RECEIVING", qty, { from: ref })]),
    poShip: (ref: string, qty: number) => post("po.ship", [leg("ON_ORDER", "INBOUND_TRANSIT", qty, { from: ref, to: ref })]),
    receiveTransit: (ref: string, qty: number) => post("receive", [leg("INBOUND_TRANSIT", "RECEIVING", qty, { from: ref })]),
    ship: (line: string, qty: number, fob = "shipping_point") =>
      post("ship", [leg("PACKED", fob === "destination" ? "OUTBOUND_TRANSIT" : "CUSTOMER", qty, { from: line, to: line })]),
    deliver: (line: string, qty: number) => post("deliver", [leg("OUTBOUND_TRANSIT", "CUSTOMER", qty, { from: line, to: line })]),
    returnReceive: (line: string | undefined, rma: string, qty: number) => post("return.receive", [leg("CUSTOMER", "RETURN_QC", qty, { from: line, to: rma })]),
    returnInspect: (rma: string, qty: number) => post("return.inspect", [leg("RETURN_QC", "AVAILABLE", qty, { from: rma })]),
    writeoff: (qty: number) => post("writeoff", [leg("DAMAGED", "SCRAP", qty)]),
    count: (variance: number) => post("count", [variance > 0 ? leg("COUNT_ADJUSTMENT", "AVAILABLE", variance) : leg("AVAILABLE", "COUNT_ADJUSTMENT", -variance)]),
    invoice: (ref: string, qty: number, unitCost: string) => post("invoice.match", [], { reference: ref, data: { qty, unitCost } }),
    costChange: (standardCost: string) => post("cost.change", [], { data: { standardCost } }),
    dropship: (line: string, qty: number, unitCost: string, reference: string) =>
      post("dropship", [leg("SUPPLIER", "CUSTOMER", qty, { to: line })], { reference, data: { unitCost } }),
    reverse(first: number, legs: Leg[]) {
      return post("reverse", legs, { reversal: poolOut.get(first) });
    },
    leg,
  };
  return api;
}

describe("the worked example of inventory-model §5: receive 10 @ 5.00, 10 @ 7.00, ship 15", () => {
  test.each([
    ["fifo", undefined, "85.00", "35.00", "0.00"],
    ["average", undefined, "90.00", "30.00", "0.00"],
    ["standard", "6.50", "97.50", "32.50", "-10.00"],
  ] as const)("%s", (method, standard, cogs, remaining, variance) => {
    const l = ledger(method, standard);
    l.po("PO-1", "5.00");
    l.po("PO-2", "7.00");
    l.receive("PO-1", 10);
    l.receive("PO-2", 10);
    l.ship("SO-1", 15);
    expect(l.account("cogs")).toBe(cogs);
    expect(l.value()).toBe(remaining);
    expect(l.account("inventory")).toBe(remaining);
    expect(l.account("purchase_price_variance")).toBe(variance);
    expect(l.account("grni")).toBe("-120.00");
    expect(l.state.pool.qty).toBe(5);
  });
});

describe("costing rules", () => {
  test("FIFO consumes part of a layer, then the next, oldest first", () => {
    const l = ledger("fifo");
    l.po("A", "2.00");
    l.po("B", "3.00");
    l.receive("A", 4);
    l.receive("B", 4);
    l.ship("S1", 3);
    expect(l.account("cogs")).toBe("6.00");
    l.ship("S2", 3);
    expect(l.account("cogs")).toBe("14.00");
    expect(l.state.layers.map((layer) => [layer.qtyLeft, cents(layer.valueLeft)])).toEqual([[2, "6.00"]]);
  });

  test("FIFO: of layers received at the same moment the first written is the oldest, and one not yet written is the newest", () => {
    // Valued one by one with each layer's row written in between (as posting alone and the
    // replay do), and chained in memory with none written yet (as a group transaction does).
    const at = new Date(Date.UTC(2026, 2, 1, 12));
    const leg = (from: State, to: State, qty: number, docs: { from?: string; to?: string } = {}): Leg => ({
      from: position("WH", from, { doc: docs.from }), to: position("WH", to, { doc: docs.to }), qty,
    });
    for (const written of [true, false]) {
      let state: CostState = { ...emptyCostState("fifo", null), pos: {} };
      for (const [ref, cost] of [["A", "10.00"], ["B", "12.00"], ["C", "11.00"]]) state.pos[ref] = { unitCost: cost4(cost), fob: "destination" };
      let seq = 100;
      let id = 0;
      const value = (type: string, legs: Leg[]) => {
        const valuation = valueEvent(state, { type, legs, occurredAt: at, data: {}, reference: null, location: "WH", newId: () => `L${++id}` });
        if (written) for (const layer of valuation.state.layers) layer.seq = settledSeq(layer.seq, [++seq]);
        state = valuation.state;
        return valuation;
      };
      for (const [ref, cost] of [["A", "10.00"], ["B", "12.00"], ["C", "11.00"]]) {
        value("receive", [leg("ON_ORDER", "RECEIVING", 5, { from: ref })]);
        expect(state.pool.unitCost, `${written ? "written" : "chained"}: the current cost after receiving ${ref}`).toBe(cost4(cost));
      }
      const shipped = value("ship", [leg("PACKED", "CUSTOMER", 7, { from: "SO-1", to: "SO-1" })]);
      const cogs = shipped.lines.filter((line) => line.account === "cogs").reduce((sum, line) => sum + line.amount, 0n);
      expect(cents(cogs), written ? "written" : "chained").toBe("74.00"); // 5 of A at 10.00, 2 of B at 12.00
    }
  });

  test("a split total never drifts: the last unit carries the remaining cents", () => {
    const l = ledger("average");
    l.po("A", "1.00");
    l.po("B", "2.00");
    l.receive("A", 2);
    l.receive("B", 1);
    // 3 units worth 4.00: 1.33, 1.33 and the last 1.34.
    l.ship("S1", 1);
    l.ship("S2", 1);
    expect(l.account("cogs")).toBe("2.67");
    l.ship("S3", 1);
    expect(l.account("cogs")).toBe("4.00");
    expect(l.value()).toBe("0.00");
  });

  test("a customer return comes back at the cost its order line left with, as a new FIFO layer", () => {
    const l = ledger("fifo");
    l.po("A", "5.00");
    l.po("B", "7.00");
    l.receive("A", 10);
    l.ship("S1", 4); // 4 @ 5.00
    l.receive("B", 10);
    l.returnReceive("S1", "RMA-1", 2);
    expect(l.value()).toBe("100.00"); // pending inspection: owned, not valued
    l.returnInspect("RMA-1", 2);
    expect(l.value()).toBe("110.00");
    expect(l.account("cogs")).toBe("10.00");
    expect(l.state.layers.at(-1)).toMatchObject({ qtyLeft: 2, unitCost: cost4("5.00") });
  });

  test("a return without an order line comes back at the current cost", () => {
    const l = ledger("average");
    l.po("A", "4.00");
    l.receive("A", 10);
    l.returnReceive(undefined, "RMA-9", 1);
    l.returnInspect("RMA-9", 1);
    expect(l.value()).toBe("44.00");
    expect(l.account("cogs")).toBe("-4.00");
  });

  test.each(["fifo", "average"] as const)("%s: an invoice price difference goes to price variance, before or after the units are sold", (method) => {
    const l = ledger(method);
    l.po("A", "5.00");
    l.receive("A", 10);
    l.invoice("A", 4, "5.50");
    l.ship("S1", 10);
    l.invoice("A", 6, "4.90");
    expect(l.account("purchase_price_variance")).toBe("1.40");
    expect(l.account("accounts_payable")).toBe("-51.40");
    expect(l.account("grni")).toBe("0.00");
    expect(l.account("cogs")).toBe("50.00");
  });

  test("an invoice for more than was received is refused", () => {
    const l = ledger("fifo");
    l.po("A", "5.00");
    l.receive("A", 3);
    expect(() => l.invoice("A", 4, "5.00")).toThrow();
  });

  test("FOB shipping point: owned and valued in transit at PO cost, joins the layers at receipt", () => {
    const l = ledger("fifo");
    l.po("A", "5.00", "shipping_point");
    l.poShip("A", 10);
    expect(l.account("inventory_in_transit")).toBe("50.00");
    expect(l.account("grni")).toBe("-50.00");
    expect(l.value()).toBe("0.00");
    l.receiveTransit("A", 6);
    expect(l.account("inventory_in_transit")).toBe("20.00");
    expect(l.account("inventory")).toBe("30.00");
    expect(l.account("grni")).toBe("-50.00");
  });

  test("FOB destination inbound: nothing is owned until receipt", () => {
    const l = ledger("fifo");
    l.po("A", "5.00", "destination");
    l.poShip("A", 10);
    expect(l.account("inventory_in_transit")).toBe("0.00");
    l.receiveTransit("A", 10);
    expect(l.account("inventory")).toBe("50.00");
    expect(l.account("grni")).toBe("-50.00");
  });

  test("FOB destination outbound: the cost leaves the pool at shipment and becomes COGS at delivery", () => {
    const l = ledger("fifo");
    l.po("A", "5.00");
    l.receive("A", 10);
    l.ship("S1", 4, "destination");
    expect(l.value()).toBe("30.00");
    expect(l.account("inventory_in_transit")).toBe("20.00");
    expect(l.account("cogs")).toBe("0.00");
    l.deliver("S1", 4);
    expect(l.account("inventory_in_transit")).toBe("0.00");
    expect(l.account("cogs")).toBe("20.00");
  });

  test("a write-off takes its value out of the oldest layers", () => {
    const l = ledger("fifo");
    l.po("A", "5.00");
    l.po("B", "7.00");
    l.receive("A", 2);
    l.receive("B", 5);
    l.writeoff(3);
    expect(l.account("writeoff_expense")).toBe("17.00");
  });

  test("a count gain enters at the current cost; a loss leaves like an issue", () => {
    const l = ledger("fifo");
    l.po("A", "5.00");
    l.po("B", "7.00");
    l.receive("A", 2);
    l.receive("B", 2);
    l.count(1);
    expect(l.account("shrinkage")).toBe("-7.00");
    l.count(-3);
    expect(l.account("shrinkage")).toBe("10.00");
    expect(l.value()).toBe("14.00");
  });

  test("a standard cost change revalues the units on hand", () => {
    const l = ledger("standard", "6.50");
    l.po("A", "5.00");
    l.receive("A", 10);
    l.costChange("7.00");
    expect(l.value()).toBe("70.00");
    expect(l.account("revaluation")).toBe("-5.00");
    l.ship("S1", 4);
    expect(l.account("cogs")).toBe("28.00");
  });

  test("a drop ship books COGS against GRNI and is matched by its reference", () => {
    const l = ledger("average");
    l.dropship("SO-7", 3, "9.00", "DS-1");
    expect(l.account("cogs")).toBe("27.00");
    l.invoice("DS-1", 3, "9.00");
    expect(l.account("grni")).toBe("0.00");
    expect(l.account("accounts_payable")).toBe("-27.00");
  });

  test("reversing a write-off brings back exactly the value it took", () => {
    const l = ledger("fifo");
    l.po("A", "5.00");
    l.po("B", "7.00");
    l.receive("A", 2);
    l.receive("B", 5);
    const { first } = l.writeoff(3);
    l.reverse(first, [l.leg("SCRAP", "DAMAGED", 3)]);
    expect(l.account("writeoff_expense")).toBe("0.00");
    expect(l.value()).toBe("45.00");
  });

  test("reversing a receipt takes back its own layer", () => {
    const l = ledger("fifo");
    l.po("A", "5.00");
    l.po("B", "7.00");
    l.receive("A", 2);
    const { first } = l.receive("B", 5);
    l.reverse(first, [l.leg("RECEIVING", "ON_ORDER", 5, { to: "B" })]);
    expect(l.value()).toBe("10.00");
    expect(l.account("grni")).toBe("-10.00");
    expect(l.account("purchase_price_variance")).toBe("0.00");
  });
});

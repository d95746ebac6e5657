// The timing buckets beside the valuation (inventory-model §4, Finance): each one a
// controller can check by hand against the events behind it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectOk, ledgerFixture, type LedgerFixture } from "../helpers/ledger-fixture.ts";
import { buy, finance, newSku, sell } from "./helpers.ts";

let f: LedgerFixture;
let views: typeof import("../../lib/server/views/finance.ts");
beforeAll(async () => {
  f = await ledgerFixture();
  views = await import("../../lib/server/views/finance.ts");
});
afterAll(() => f?.drop());

const at = (sku: string, qty: number) => ({ sku, qty, location: "WH-EAST" });

describe("timing buckets", () => {
  it("a customer return is owned from receipt but valued only once inspected, at the cost it left with", async () => {
    const sku = await newSku(f, "fifo");
    await buy(f, sku, 10, "5.00");
    await buy(f, sku, 10, "7.00");
    const line = await sell(f, sku, 15); // left at 85.00 for 15 units
    expectOk(await f.post("warehouse", { type: "return.receive", ...at(sku, 3), orderLine: line, rma: `RMA-${sku}` }));
    const pending = await finance(f, sku);
    expect(pending).toMatchObject({ owned: 8, value: "35.00", returnsPendingInspection: { qty: 3, value: "17.00" } });
    expect(pending.locations).toEqual([expect.objectContaining({ owned: 8, valued: 5, value: "35.00" })]);

    await new Promise((resolve) => setTimeout(resolve, 5));
    const between = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expectOk(await f.post("warehouse", { type: "return.inspect", ...at(sku, 3), rma: `RMA-${sku}`, result: "restock" }));
    expect(await finance(f, sku)).toMatchObject({ owned: 8, value: "52.00", returnsPendingInspection: { qty: 0, value: "0.00" } });
    // Asked as of before the inspection, the return is pending again, at what inspection then brought back.
    expect(await finance(f, sku, between)).toMatchObject({ owned: 8, value: "35.00", returnsPendingInspection: { qty: 3, value: "17.00" } });
  });

  it("damaged units stay valued until written off; a transfer in flight keeps its value", async () => {
    const sku = await newSku(f, "average");
    await buy(f, sku, 10, "4.00");
    expectOk(await f.post("warehouse", { type: "damage", ...at(sku, 2), fromState: "AVAILABLE" }));
    expectOk(await f.post("warehouse", { type: "transfer.ship", ...at(sku, 3), toLocation: "WH-WEST" }));
    const view = await finance(f, sku);
    expect(view).toMatchObject({ owned: 10, value: "40.00", pendingWriteOff: { qty: 2, value: "8.00" }, inTransitOwned: { transfer: { qty: 3, value: "12.00" } } });
    // Transfer transit sits at the target in the balances, so its value does too.
    expect(view.locations.map((l) => [l.location, l.owned, l.value])).toEqual([["WH-EAST", 7, "28.00"], ["WH-WEST", 3, "12.00"]]);

    expectOk(await f.post("finance", { type: "writeoff", ...at(sku, 2), reason: "crushed" }));
    expect(await finance(f, sku)).toMatchObject({ owned: 8, value: "32.00", pendingWriteOff: { qty: 0, value: "0.00" } });
    const tb = await views.trialBalance({ sku });
    expect(tb.rows.find((r) => r.account === "writeoff_expense")?.balance).toBe("8.00");
  });

  it("a reversal takes the value back out, and the journal still balances", async () => {
    const sku = await newSku(f, "fifo");
    const po = `PO-REV-${sku}`;
    expectOk(await f.post("finance", { type: "po.confirm", ...at(sku, 5), reference: po, unitCost: "3.00", eta: "2026-01-05T00:00:00Z", fob: "destination", supplier: "Acme" }));
    const received = expectOk(await f.post("warehouse", { type: "receive", ...at(sku, 5), reference: po }));
    expect(await finance(f, sku)).toMatchObject({ owned: 5, value: "15.00", grni: { qty: 5, value: "15.00" } });
    expectOk(await f.post("warehouse", { type: "reverse", reverses: (received.body.event as { seq: number }).seq, reason: "wrong PO" }));
    expect(await finance(f, sku)).toMatchObject({ owned: 0, value: "0.00", layers: [], grni: { value: "0.00" } });
    const tb = await views.trialBalance({ sku });
    expect([tb.balanced, tb.rows.find((r) => r.account === "inventory")?.debit]).toEqual([true, "15.00"]);
  });

  it("the CSV export reads in batches without losing or repeating a line", async () => {
    const sku = await newSku(f, "fifo");
    await buy(f, sku, 2, "1.00");
    await buy(f, sku, 3, "2.00");
    const read = async (batch?: number) => {
      let text = "";
      for await (const chunk of views.journalCsv({ sku, batch })) text += chunk;
      return text;
    };
    const whole = await read();
    expect(whole.split("\r\n").filter(Boolean)).toHaveLength(5);
    expect(await read(1)).toBe(whole);
    expect(await read(3)).toBe(whole);
  });
});

// The finance screens' reads: the valuation list (the pool shared over locations to
// the cent), GRNI aging, value over time and what a close stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectOk, ledgerFixture, type LedgerFixture } from "../helpers/ledger-fixture.ts";
import { ago, buy, finance, newSku } from "./helpers.ts";

let f: LedgerFixture;
let views: typeof import("../../lib/server/views/finance.ts");
beforeAll(async () => {
  f = await ledgerFixture();
  views = await import("../../lib/server/views/finance.ts");
});
afterAll(() => f?.drop());

const transfer = async (sku: string, qty: number, toLocation: string) => {
  const shipped = expectOk(await f.post("warehouse", { type: "transfer.ship", sku, qty, location: "WH-EAST", toLocation }));
  const id = (shipped.body.event as { data: { transfer: string } }).data.transfer;
  expectOk(await f.post("warehouse", { type: "transfer.receive", sku, qty, location: toLocation, transfer: id }));
};

describe("valuation by SKU and location", () => {
  it("shares the pool over locations by units, the leftover cent to the location with most units (ties by code)", async () => {
    const sku = await newSku(f, "average");
    await buy(f, sku, 3, "3.3333"); // 3 × 3.3333 = 9.9999, booked as 10.00
    await transfer(sku, 1, "WH-WEST");
    await transfer(sku, 1, "STORE");
    const page = await views.valuationPage({ q: sku, page: 1 });
    expect(page.rows.map((r) => [r.location, r.owned, r.value])).toEqual([["STORE", 1, "3.34"], ["WH-EAST", 1, "3.33"], ["WH-WEST", 1, "3.33"]]);
    expect(page.totals).toEqual({ owned: 3, valued: 3, value: "10.00" });
    expect((await finance(f, sku)).value).toBe("10.00");
  });

  it("sorts and pages in SQL, totals over every matching row, and filters by location", async () => {
    const skus = [await newSku(f, "fifo"), await newSku(f, "fifo"), await newSku(f, "fifo")];
    await buy(f, skus[0], 2, "1.00");
    await buy(f, skus[1], 2, "9.00");
    await buy(f, skus[2], 2, "4.00", { location: "WH-WEST" });
    const q = "F-FIF";
    const byValue = await views.valuationPage({ q, sort: "value", dir: "desc", page: 1 });
    const values = byValue.rows.map((r) => Number(r.value));
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(byValue.totals.value).toBe(byValue.rows.reduce((sum, r) => sum + Number(r.value), 0).toFixed(2));
    const west = await views.valuationPage({ q, location: "WH-WEST", page: 1 });
    expect(west.rows.map((r) => [r.sku, r.value])).toEqual([[skus[2], "8.00"]]);
    const beyond = await views.valuationPage({ q, page: 99 });
    expect([beyond.rows.length, beyond.total, beyond.totals.value]).toEqual([0, byValue.total, byValue.totals.value]);
  });

  it("valuationRows (what a close stores) sums to the inventory accounts, now and as of a past moment", async () => {
    const sku = await newSku(f, "fifo");
    await buy(f, sku, 5, "2.00", { occurredAt: ago(2) });
    const sumOf = (rows: { value: string }[]) => rows.reduce((sum, r) => sum + Math.round(Number(r.value) * 100), 0);
    for (const at of [new Date(), new Date(Date.now() - 86_400_000)]) {
      const rows = await views.valuationRows(at);
      const tb = await views.trialBalance({ to: at });
      const accounts = tb.rows.filter((r) => r.account === "inventory" || r.account === "inventory_in_transit");
      expect(sumOf(rows)).toBe(sumOf(accounts.map((r) => ({ value: r.balance }))));
    }
    const then = await views.valuationRows(new Date(Date.now() - 3 * 86_400_000));
    expect(then.find((r) => r.sku === sku)).toBeUndefined();
  });
});

describe("GRNI aging", () => {
  it("lists what was received and not invoiced per PO, with its age, until the invoice clears it", async () => {
    const sku = await newSku(f, "fifo");
    const po = await buy(f, sku, 6, "2.00", { occurredAt: ago(10) });
    const open = await views.grniAging({});
    const row = open.rows.find((r) => r.po === po);
    expect(row).toMatchObject({ sku, location: "WH-EAST", supplier: "Acme", qty: 6, value: "12.00", ageDays: 10 });
    expectOk(await f.post("finance", { type: "invoice.match", sku, qty: 6, location: "WH-EAST", reference: po, unitCost: "2.00" }));
    expect((await views.grniAging({})).rows.find((r) => r.po === po)).toBeUndefined();
    // As of before the invoice it was still open.
    expect((await views.grniAging({ asOf: new Date(Date.now() - 86_400_000) })).rows.find((r) => r.po === po)).toMatchObject({ value: "12.00", ageDays: 9 });
  });
});

describe("value over time", () => {
  it("gives each day's closing value and owned units, from the per-day sums", async () => {
    const sku = await newSku(f, "fifo");
    await buy(f, sku, 10, "5.00", { occurredAt: ago(3) });
    await buy(f, sku, 10, "7.00", { occurredAt: ago(1) });
    const points = await views.valueHistory(sku, { days: 5 });
    expect(points).toHaveLength(5);
    expect(points.map((p) => [p.value, p.owned])).toEqual([["0.00", 0], ["50.00", 10], ["50.00", 10], ["120.00", 20], ["120.00", 20]]);
    expect(points.at(-1)!.day).toBe(new Date().toISOString().slice(0, 10));
  });

  it("counts goods in transit as owned from the supplier's shipment under FOB shipping point only", async () => {
    const sku = await newSku(f, "fifo");
    const sp = { sku, qty: 4, location: "WH-EAST", reference: `PO-SP-${sku}` };
    const dest = { ...sp, reference: `PO-D-${sku}` };
    for (const [at, fob, unitCost] of [[sp, "shipping_point", "3.00"], [dest, "destination", "5.00"]] as const) {
      expectOk(await f.post("finance", { type: "po.confirm", ...at, unitCost, eta: ago(0), fob, supplier: "Acme", occurredAt: ago(4) }));
      expectOk(await f.post("finance", { type: "po.ship", ...at, occurredAt: ago(3) }));
    }
    for (const at of [sp, dest]) expectOk(await f.post("warehouse", { type: "receive", ...at, occurredAt: ago(1) }));
    const points = await views.valueHistory(sku, { days: 5 });
    expect(points.map((p) => [p.value, p.owned])).toEqual([["0.00", 0], ["12.00", 4], ["12.00", 4], ["32.00", 8], ["32.00", 8]]);
  });
});

describe("closed periods", () => {
  it("reads back what a close stored: the valuation at the month's end and a balanced trial balance", async () => {
    const year = new Date().getUTCFullYear() - 1;
    const sku = await newSku(f, "fifo");
    await buy(f, sku, 4, "2.50", { occurredAt: `${year}-03-15T10:00:00Z` });
    const period = `${year}-03`;
    expectOk(await f.post("finance", { type: "period.close", period }));
    const list = await views.closedPeriods();
    expect(list.find((p) => p.period === period)).toMatchObject({ period, owned: 4, value: "10.00", balanced: true, closedBy: expect.any(String) });
    const closed = await views.closedPeriod(period);
    expect(closed.valuation).toMatchObject({ owned: 4, value: "10.00", rows: [{ sku, location: "WH-EAST", owned: 4, valued: 4, value: "10.00", unitCost: "2.5000" }] });
    expect(closed.trialBalance).toMatchObject({ debit: "10.00", credit: "10.00", balanced: true });
    expect(closed.trialBalance.rows.filter((r) => r.balance !== "0.00").map((r) => [r.account, r.balance])).toEqual([["inventory", "10.00"], ["grni", "-10.00"]]);
  });

  it("pages a closed month's stored valuation, the totals over every row", async () => {
    const year = new Date().getUTCFullYear() - 1;
    const { PAGE_SIZE } = await import("../../lib/server/views/paging.ts");
    // More SKUs than a page holds, bought in a month of their own, so the close stores more rows than one page shows.
    const skus: string[] = [];
    for (let n = 0; n <= PAGE_SIZE; n++) {
      const sku = await newSku(f, "fifo");
      await buy(f, sku, 1, "3.00", { occurredAt: `${year}-05-10T10:00:00Z` });
      skus.push(sku);
    }
    const period = `${year}-05`;
    expectOk(await f.post("finance", { type: "period.close", period }));
    const whole = await views.closedPeriod(period);
    expect(whole.valuation.rows.length).toBeGreaterThan(PAGE_SIZE);
    expect(whole.valuation.rows.map((r) => r.sku)).toEqual(expect.arrayContaining(skus));
    const pages = [];
    for (let page = 1; page <= Math.ceil(whole.valuation.rows.length / PAGE_SIZE); page++) pages.push(await views.closedPeriod(period, { page }));
    for (const [i, { valuation }] of pages.entries()) {
      expect(valuation).toMatchObject({ value: whole.valuation.value, owned: whole.valuation.owned, total: whole.valuation.rows.length, page: i + 1, pageCount: pages.length });
      expect(valuation.rows.length).toBeLessThanOrEqual(PAGE_SIZE);
    }
    expect(pages.flatMap((p) => p.valuation.rows)).toEqual(whole.valuation.rows);
    expect(pages[0].trialBalance).toEqual(whole.trialBalance);
  });

  it("a month not closed is not found", async () => {
    await expect(views.closedPeriod("2001-01")).rejects.toMatchObject({ code: "not_found" });
  });
});

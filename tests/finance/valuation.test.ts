// What a controller reads on a SKU's finance page, through the API: the §5 worked
// example under each costing method, goods owned in transit, and the same SKU as
// of earlier moments.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectOk, ledgerFixture, type LedgerFixture } from "../helpers/ledger-fixture.ts";
import { ago, buy, finance, newSku, sell } from "./helpers.ts";

let f: LedgerFixture;
beforeAll(async () => {
  f = await ledgerFixture();
});
afterAll(() => f?.drop());

async function accountBalance(sku: string, account: string): Promise<string> {
  const answer = await f.call("finance", "GET", `/api/v1/journal/trial-balance?sku=${sku}`);
  expect(answer.status).toBe(200);
  const rows = answer.body.rows as { account: string; balance: string }[];
  return rows.find((row) => row.account === account)!.balance;
}

describe("the §5 worked example: receive 10 @ 5.00, 10 @ 7.00, ship 15", () => {
  it.each([
    ["fifo", undefined, "35.00", "7.0000", "85.00"],
    ["average", undefined, "30.00", "6.0000", "90.00"],
    ["standard", "6.50", "32.50", "6.5000", "97.50"],
  ] as const)("%s leaves the remaining 5 units at the model's value", async (method, standard, value, unitCost, cogs) => {
    const sku = await newSku(f, method, standard);
    await buy(f, sku, 10, "5.00");
    await buy(f, sku, 10, "7.00");
    await sell(f, sku, 15);
    const view = await finance(f, sku);
    expect(view).toMatchObject({ method, owned: 5, value, unitCost, pool: { qty: 5, value } });
    expect(view.layers.map((layer) => [layer.qty, layer.value])).toEqual([[5, value]]);
    expect(await accountBalance(sku, "cogs")).toBe(cogs);
    // Σ layers = the inventory account, to the cent (inventory-model §8).
    expect(await accountBalance(sku, "inventory")).toBe(value);
    if (method === "standard") expect(await accountBalance(sku, "purchase_price_variance")).toBe("-10.00");
    expect(await accountBalance(sku, "grni")).toBe("-120.00");
  });

  it("FIFO keeps its layers oldest first until the oldest is used up", async () => {
    const sku = await newSku(f, "fifo");
    await buy(f, sku, 10, "5.00");
    await buy(f, sku, 10, "7.00");
    await sell(f, sku, 4);
    const view = await finance(f, sku);
    expect(view.layers.map((layer) => [layer.qty, layer.unitCost, layer.value])).toEqual([[6, "5.0000", "30.00"], [10, "7.0000", "70.00"]]);
    expect(view.layers.every((layer) => layer.receivedAt !== null)).toBe(true);
    expect(view.value).toBe("100.00");
  });
});

describe("goods owned in transit", () => {
  it("under FOB shipping point, goods are owned and valued from the supplier's shipment, and GRNI waits for the invoice", async () => {
    const sku = await newSku(f, "fifo");
    const at = { sku, qty: 4, location: "WH-EAST", reference: `PO-SP-${sku}` };
    expectOk(await f.post("finance", { type: "po.confirm", ...at, unitCost: "3.00", eta: "2026-01-05T00:00:00Z", fob: "shipping_point", supplier: "Acme" }));
    expect(await finance(f, sku)).toMatchObject({ owned: 0, value: "0.00" });

    expectOk(await f.post("finance", { type: "po.ship", ...at }));
    const shipped = await finance(f, sku);
    expect(shipped).toMatchObject({ owned: 4, value: "12.00", pool: { qty: 0, value: "0.00" }, grni: { qty: 4, value: "12.00" } });
    expect(shipped.inTransitOwned.inbound).toEqual({ qty: 4, value: "12.00" });
    expect(shipped.locations).toEqual([expect.objectContaining({ location: "WH-EAST", owned: 4, valued: 4, value: "12.00" })]);

    expectOk(await f.post("warehouse", { type: "receive", ...at }));
    const received = await finance(f, sku);
    expect(received).toMatchObject({ owned: 4, value: "12.00", pool: { qty: 4, value: "12.00" }, grni: { qty: 4, value: "12.00" } });
    expect(received.inTransitOwned.inbound).toEqual({ qty: 0, value: "0.00" });
    expect(await accountBalance(sku, "inventory_in_transit")).toBe("0.00");

    expectOk(await f.post("finance", { type: "invoice.match", ...at, unitCost: "3.10" }));
    const invoiced = await finance(f, sku);
    expect(invoiced.grni).toEqual({ qty: 0, value: "0.00" });
    expect(await accountBalance(sku, "purchase_price_variance")).toBe("0.40");
    expect(await accountBalance(sku, "accounts_payable")).toBe("-12.40");
  });

  it("under FOB destination, goods shipped by the supplier are not ours; goods we ship stay owned until delivered", async () => {
    const sku = await newSku(f, "average");
    const at = { sku, qty: 3, location: "WH-EAST", reference: `PO-D-${sku}` };
    expectOk(await f.post("finance", { type: "po.confirm", ...at, unitCost: "2.00", eta: "2026-01-05T00:00:00Z", fob: "destination", supplier: "Acme" }));
    expectOk(await f.post("finance", { type: "po.ship", ...at }));
    expect(await finance(f, sku)).toMatchObject({ owned: 0, value: "0.00", grni: { qty: 0, value: "0.00" } });

    await buy(f, sku, 10, "4.00");
    const line = await sell(f, sku, 2, { fob: "destination" });
    const shipped = await finance(f, sku);
    expect(shipped).toMatchObject({ owned: 10, value: "40.00", pool: { qty: 8, value: "32.00" } });
    expect(shipped.inTransitOwned.outbound).toEqual({ qty: 2, value: "8.00" });

    expectOk(await f.post("warehouse", { type: "deliver", sku, qty: 2, location: "WH-EAST", orderLine: line }));
    expect(await finance(f, sku)).toMatchObject({ owned: 8, value: "32.00", inTransitOwned: { outbound: { qty: 0, value: "0.00" } } });
    expect(await accountBalance(sku, "cogs")).toBe("8.00");
  });
});

describe("as of a past moment", () => {
  it("answers what was owned and its value then, before and after each event", async () => {
    const sku = await newSku(f, "fifo");
    await buy(f, sku, 10, "5.00", { occurredAt: ago(3) });
    await buy(f, sku, 10, "7.00", { occurredAt: ago(2) });
    await sell(f, sku, 15, { occurredAt: ago(1) });

    expect(await finance(f, sku, ago(4))).toMatchObject({ owned: 0, value: "0.00", layers: [] });
    const first = await finance(f, sku, ago(2, 12));
    expect(first).toMatchObject({ owned: 10, value: "50.00", unitCost: "5.0000" });
    expect(first.layers.map((layer) => [layer.qty, layer.value])).toEqual([[10, "50.00"]]);
    const both = await finance(f, sku, ago(1, 12));
    expect(both).toMatchObject({ owned: 20, value: "120.00", unitCost: "7.0000" });
    expect(both.layers.map((layer) => [layer.qty, layer.value])).toEqual([[10, "50.00"], [10, "70.00"]]);
    const now = await finance(f, sku);
    expect(now).toMatchObject({ owned: 5, value: "35.00" });
    expect(await finance(f, sku, new Date(Date.now() + 86_400_000).toISOString())).toMatchObject({ owned: 5, value: "35.00" });
  });

  it("reads a moment months back (forward from the first day) as it reads a recent one (back from now)", async () => {
    const sku = await newSku(f, "fifo");
    const po = `PO-OLD-${sku}`;
    const at = { sku, qty: 6, location: "WH-EAST", reference: po };
    expectOk(await f.post("finance", { type: "po.confirm", ...at, unitCost: "2.00", eta: ago(150), fob: "shipping_point", supplier: "Acme", occurredAt: ago(160) }));
    expectOk(await f.post("finance", { type: "po.ship", ...at, occurredAt: ago(150) }));
    expectOk(await f.post("warehouse", { type: "receive", ...at, occurredAt: ago(130) }));
    expectOk(await f.post("warehouse", { type: "inspect", sku, qty: 6, location: "WH-EAST", result: "pass", occurredAt: ago(130) }));
    await sell(f, sku, 2, { occurredAt: ago(2) });
    const inTransit = await finance(f, sku, ago(140)); // > 120 days back: read forward
    expect(inTransit).toMatchObject({ owned: 6, value: "12.00", pool: { qty: 0 }, inTransitOwned: { inbound: { qty: 6, value: "12.00" } } });
    expect(await finance(f, sku, ago(125))).toMatchObject({ owned: 6, value: "12.00", pool: { qty: 6, value: "12.00" }, ownedByState: { AVAILABLE: 6 } });
    expect(await finance(f, sku, ago(1))).toMatchObject({ owned: 4, value: "8.00" });
  });

  it("reads units in transit under FOB shipping point at a recent moment back from the balances", async () => {
    const sku = await newSku(f, "fifo");
    const po = `PO-RECENT-${sku}`;
    const at = { sku, location: "WH-EAST", reference: po };
    expectOk(await f.post("finance", { type: "po.confirm", ...at, qty: 6, unitCost: "2.00", eta: ago(5), fob: "shipping_point", supplier: "Acme", occurredAt: ago(12) }));
    expectOk(await f.post("finance", { type: "po.ship", ...at, qty: 6, occurredAt: ago(10) }));
    expectOk(await f.post("warehouse", { type: "receive", ...at, qty: 4, occurredAt: ago(5) }));
    // Within 120 days: read back from the balances (2 still in transit) by the rows since.
    expect(await finance(f, sku, ago(11))).toMatchObject({ owned: 0, value: "0.00" });
    expect(await finance(f, sku, ago(7))).toMatchObject({ owned: 6, value: "12.00", inTransitOwned: { inbound: { qty: 6, value: "12.00" } } });
    expect(await finance(f, sku, ago(3))).toMatchObject({ owned: 6, value: "12.00", inTransitOwned: { inbound: { qty: 2, value: "4.00" } } });
    expect(await finance(f, sku)).toMatchObject({ owned: 6, value: "12.00", inTransitOwned: { inbound: { qty: 2, value: "4.00" } } });
  });

  it("an average SKU's one layer is the pool, its unit cost value ÷ units then", async () => {
    const sku = await newSku(f, "average");
    await buy(f, sku, 10, "5.00", { occurredAt: ago(3) });
    await buy(f, sku, 10, "7.00", { occurredAt: ago(2) });
    const then = await finance(f, sku, ago(2, 12));
    expect(then.layers).toEqual([{ qty: 10, unitCost: "5.0000", value: "50.00", receivedAt: null, seq: null }]);
    expect((await finance(f, sku)).layers).toEqual([{ qty: 20, unitCost: "6.0000", value: "120.00", receivedAt: null, seq: null }]);
  });
});

it("an unknown SKU is 404 unknown_sku; a bad asOf is 400 naming the field", async () => {
  const unknown = await f.call("finance", "GET", "/api/v1/skus/NOPE-1/finance");
  expect([unknown.status, unknown.body.code]).toEqual([404, "unknown_sku"]);
  const bad = await f.call("finance", "GET", "/api/v1/skus/T-FIFO/finance?asOf=yesterday");
  expect([bad.status, bad.body.code]).toEqual([400, "invalid_input"]);
  expect(Object.keys(bad.body.errors as object)).toEqual(["asOf"]);
});

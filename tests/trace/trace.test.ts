// A SKU's trace through the real route on a real PostgreSQL: one PO followed from
// confirmation to invoice, one order line from reservation to delivery and
// return, the running totals against the views' own numbers, paging, roles, input.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectOk, ledgerFixture, stock, type LedgerFixture } from "../helpers/ledger-fixture.ts";
import { demoUser } from "../../prisma/demo-users.ts";
import { newSku, trace, wholeTrace } from "./helpers.ts";

let f: LedgerFixture;
let sku: string;
const PO = "PO-TRACE-1";
const LINE = "SO-TRACE-1/1";
beforeAll(async () => {
  f = await ledgerFixture();
  sku = await newSku(f);
  const at = { sku, location: "WH-EAST" };
  // One PO shipped FOB shipping point: owned and valued from the supplier's shipment.
  expectOk(await f.post("finance", { type: "po.confirm", ...at, qty: 10, reference: PO, unitCost: "5.00", eta: "2026-01-05T00:00:00Z", fob: "shipping_point", supplier: "Acme" }));
  expectOk(await f.post("finance", { type: "po.ship", ...at, qty: 10, reference: PO }));
  expectOk(await f.post("warehouse", { type: "receive", ...at, qty: 10, reference: PO }));
  expectOk(await f.post("warehouse", { type: "inspect", ...at, qty: 10, result: "pass" }));
  expectOk(await f.post("finance", { type: "invoice.match", ...at, qty: 10, reference: PO, unitCost: "5.20" }));
  await stock(f, sku, 6, { unitCost: "7.00" }); // another PO, so the filter has something to leave out
  // One order line, shipped FOB destination, delivered, one unit back and restocked.
  const line = { ...at, qty: 4, orderLine: LINE };
  expectOk(await f.post("sales", { type: "reserve", ...line, channel: "web" }));
  expectOk(await f.post("warehouse", { type: "pick", ...line }));
  expectOk(await f.post("warehouse", { type: "pack", ...line }));
  expectOk(await f.post("warehouse", { type: "ship", ...line, fob: "destination" }));
  expectOk(await f.post("warehouse", { type: "deliver", ...line }));
  expectOk(await f.post("warehouse", { type: "return.receive", ...at, qty: 1, orderLine: LINE, rma: "RMA-TRACE-1" }));
  expectOk(await f.post("warehouse", { type: "return.inspect", ...at, qty: 1, rma: "RMA-TRACE-1", result: "restock" }));
  // A reservation made by mistake and reversed.
  const wrong = expectOk(await f.post("sales", { type: "reserve", ...at, qty: 2, orderLine: "SO-TRACE-2/1", channel: "web" }));
  expectOk(await f.post("sales", { type: "reverse", reverses: (wrong.body.events as { seq: number }[])[0].seq, reason: "duplicate" }));
});
afterAll(() => f?.drop());

describe("following one document", () => {
  it("follows a PO from confirmation through receipt to the invoice match, with its journal lines", async () => {
    const { status, page } = await trace(f, sku, { reference: PO });
    expect(status).toBe(200);
    expect(page.entries.map((e) => e.type)).toEqual(["po.confirm", "po.ship", "receive", "invoice.match"]);
    const [confirm, shipped, received, invoiced] = page.entries;
    expect(confirm.actor).toBe(demoUser("finance").name);
    expect(received.actor).toBe(demoUser("warehouse").name);
    expect(confirm.effect.sales.incoming).toBe(10);
    expect(confirm.journal).toEqual([]);
    // FOB shipping point: ours, and valued in transit, from the shipment.
    expect(shipped.effect.finance).toEqual({ owned: 10, value: "50.00" });
    expect(shipped.journal.map((l) => [l.account, l.debit, l.credit])).toEqual(expect.arrayContaining([["inventory_in_transit", "50.00", "0.00"], ["grni", "0.00", "50.00"]]));
    expect(received.effect.warehouse).toEqual({ onHand: 10, usable: 0 });
    expect(received.effect.finance).toEqual({ owned: 0, value: "0.00" });
    expect(invoiced.journal.map((l) => l.account).sort()).toEqual(["accounts_payable", "grni", "purchase_price_variance"]);
    expect(invoiced.effect.finance.value).toBe("0.00");
  });

  it("follows an order line from reservation to delivery and its return, through the RMA's inspection", async () => {
    const { page } = await trace(f, sku, { reference: LINE });
    expect(page.entries.map((e) => e.type)).toEqual(["reserve", "pick", "pack", "ship", "deliver", "return.receive", "return.inspect"]);
    const byType = Object.fromEntries(page.entries.map((e) => [e.type, e]));
    expect(byType.reserve.effect.sales).toEqual({ committed: 4, available: -4, incoming: 0 });
    expect(byType.ship.effect.warehouse.onHand).toBe(-4);
    expect(byType.ship.effect.finance.owned).toBe(0); // FOB destination: still ours until delivered
    expect(byType.deliver.effect.finance.owned).toBe(-4);
    expect(byType["return.inspect"].effect.sales.available).toBe(1);
    expect(byType["return.inspect"].documents).toContain("RMA-TRACE-1");
  });

  it("shows the numbers after each filtered event as the whole trace does", async () => {
    const all = await wholeTrace(f, sku);
    const { page } = await trace(f, sku, { reference: LINE });
    for (const entry of page.entries) expect(entry.after).toEqual(all.find((e) => e.seq === entry.seq)!.after);
  });
});

describe("the whole trace", () => {
  it("ends on the views' own numbers", async () => {
    const all = await wholeTrace(f, sku);
    const last = all.at(-1)!.after;
    const warehouse = await f.call("warehouse", "GET", `/api/v1/skus/${sku}/warehouse`);
    const finance = await f.call("finance", "GET", `/api/v1/skus/${sku}/finance`);
    const states = (warehouse.body.locations as { states: Record<string, number> }[]).reduce<Record<string, number>>((sum, l) => {
      for (const [state, qty] of Object.entries(l.states)) sum[state] = (sum[state] ?? 0) + qty;
      return sum;
    }, {});
    expect(last.warehouse).toEqual({ onHand: warehouse.body.onHand, usable: warehouse.body.usable });
    expect(last.sales.available).toBe(states.AVAILABLE ?? 0);
    expect(last.sales.committed).toBe((states.RESERVED ?? 0) + (states.PICKED ?? 0) + (states.PACKED ?? 0));
    expect(last.finance).toEqual({ owned: finance.body.owned, value: finance.body.value });
  });

  it("links a reversal and the group it undid both ways", async () => {
    const all = await wholeTrace(f, sku);
    const undo = all.find((e) => e.type === "reverse")!;
    const undone = all.find((e) => e.seq === undo.reverses?.seq)!;
    expect(undone.type).toBe("reserve");
    expect(undone.reversedBy).toEqual({ group: undo.group, seq: undo.seq });
    expect(undo.label).toBe("Reversal of order confirmed");
    expect(undo.effect.sales.committed).toBe(-2);
  });

  it("names who asked for an approved event and who decided it", async () => {
    const held = await newSku(f);
    await stock(f, held, 3);
    const at = { sku: held, qty: 2, location: "WH-EAST" };
    expectOk(await f.post("warehouse", { type: "hold", ...at }));
    const asked = expectOk(await f.post("warehouse", { type: "hold.release", ...at }));
    const id = (asked.body.approval as { id: string }).id;
    expectOk(await f.call("warehouse_2", "POST", `/api/v1/approvals/${id}/approve`, {}, { "idempotency-key": `approve-${id}` }));
    const released = (await wholeTrace(f, held)).find((e) => e.type === "hold.release")!;
    expect(released.approval).toMatchObject({ id, status: "approved", requestedBy: demoUser("warehouse").name, decidedBy: demoUser("warehouse", true).name });
    expect(released.effect.sales.available).toBe(2);
  });

  it("pages by seq both ways, each group once", async () => {
    const many = await newSku(f);
    await stock(f, many, 60);
    for (let i = 0; i < 28; i++) {
      const line = { sku: many, qty: 1, location: "WH-EAST", orderLine: `SO-PAGE-${i}` };
      expectOk(await f.post("sales", { type: "reserve", ...line, channel: "web" }));
      expectOk(await f.post("sales", { type: "release", ...line }));
    }
    const first = (await trace(f, many)).page;
    expect(first.entries).toHaveLength(50);
    expect(first.previous).toBeNull();
    const second = (await trace(f, many, { after: first.next! })).page;
    expect(second.entries.map((e) => e.seq)[0]).toBeGreaterThan(first.entries.at(-1)!.seq);
    expect(second.entries).toHaveLength(59 - 50);
    expect(second.next).toBeNull();
    const back = (await trace(f, many, { before: second.previous! })).page;
    expect(back.entries.map((e) => e.seq)).toEqual(first.entries.map((e) => e.seq));
    // A page that starts mid-history opens on the totals before it.
    expect(second.entries[0].after.warehouse.onHand).toBe(60);
  });
});

describe("access and input", () => {
  it("every role reads a trace; a stranger is refused", async () => {
    for (const role of ["sales", "warehouse", "finance", "admin"] as const) expect((await trace(f, sku, {}, role)).status).toBe(200);
    expect((await trace(f, sku, {}, null)).status).toBe(401);
  });

  it.each([
    [{ after: -1 }, "after"],
    [{ after: "x" }, "after"],
    [{ from: "2026-02-30" }, "from"],
    [{ from: "2026-03-02", to: "2026-03-01" }, "to"],
    [{ after: 1, before: 5 }, "before"],
    [{ reference: "   " }, "reference"],
  ])("refuses %o as bad input naming %s", async (query, field) => {
    const { status, body } = await trace(f, sku, query as Record<string, string>);
    expect(status).toBe(400);
    expect(body.code).toBe("invalid_input");
    expect(Object.keys((body.errors ?? {}) as object)).toContain(field);
  });

  it("names an unknown SKU", async () => {
    const { status, body } = await trace(f, "NOPE-404");
    expect(status).toBe(404);
    expect(body.code).toBe("unknown_sku");
  });
});

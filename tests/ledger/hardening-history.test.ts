// Issue 6 item 4: a back-dated event is checked against history, so no asOf view
// ever shows a negative internal quantity.
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectOk, ledgerFixture, type LedgerFixture } from "../helpers/ledger-fixture.ts";
import { negativesInHistory } from "../helpers/event-arbitrary.ts";

let f: LedgerFixture;
beforeAll(async () => {
  f = await ledgerFixture();
});
afterAll(() => f?.drop());

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
let po = 0;

/** A PO confirmed, received and passed inspection at `occurredAt` (now when omitted). */
async function receive(sku: string, qty: number, occurredAt?: string) {
  const at = { sku, location: "WH-EAST", qty, ...(occurredAt ? { occurredAt } : {}) };
  const reference = `PO-H-${++po}`;
  expectOk(await f.post("finance", { type: "po.confirm", ...at, reference, unitCost: "4.00", eta: daysAgo(30), fob: "destination", supplier: "Acme" }));
  expectOk(await f.post("warehouse", { type: "receive", ...at, reference }));
  expectOk(await f.post("warehouse", { type: "inspect", ...at, result: "pass" }));
}

async function states(sku: string, asOf: string) {
  const view = await f.call("warehouse", "GET", `/api/v1/skus/${sku}/warehouse?asOf=${encodeURIComponent(asOf)}`);
  expect(view.status).toBe(200);
  return (view.body.locations as { location: string; states: Record<string, number> }[]).flatMap((l) => Object.values(l.states));
}

it("a hold dated 10 days ago on stock received today is refused; no past view goes negative", async () => {
  await receive("T-FIFO", 5);
  const hold = await f.post("warehouse", { type: "hold", sku: "T-FIFO", location: "WH-EAST", qty: 5, occurredAt: daysAgo(10) });
  expect([hold.status, hold.body.code]).toEqual([409, "history_conflict"]);
  for (const asOf of [daysAgo(5), daysAgo(10), new Date().toISOString()]) {
    for (const qty of await states("T-FIFO", asOf)) expect(qty).toBeGreaterThanOrEqual(0);
  }
});

it("a back-dated event that fits at its moment but breaks a later one is refused", async () => {
  // 5 received 3 days ago, all shipped to WH-WEST an hour ago, 5 more received now.
  await receive("T-AVG", 5, daysAgo(3));
  expectOk(await f.post("warehouse", { type: "transfer.ship", sku: "T-AVG", location: "WH-EAST", qty: 5, toLocation: "WH-WEST", transfer: "TR-H1", occurredAt: daysAgo(1 / 24) }));
  await receive("T-AVG", 5);
  // Today's balance could take the hold, but an hour ago the transfer would have found nothing.
  const hold = await f.post("warehouse", { type: "hold", sku: "T-AVG", location: "WH-EAST", qty: 5, occurredAt: daysAgo(2) });
  expect([hold.status, hold.body.code]).toEqual([409, "history_conflict"]);
});

it("what an order line holds cannot go negative in the past either", async () => {
  await receive("T-STD", 4, daysAgo(5));
  expectOk(await f.post("sales", { type: "reserve", sku: "T-STD", location: "WH-EAST", qty: 3, channel: "web", orderLine: "SO-H/1" }));
  const pick = await f.post("warehouse", { type: "pick", sku: "T-STD", location: "WH-EAST", qty: 3, orderLine: "SO-H/1", occurredAt: daysAgo(1) });
  expect([pick.status, pick.body.code]).toEqual([409, "history_conflict"]);
});

it("what a PO holds cannot go negative in the past either", async () => {
  const at = { sku: "T-STD", location: "WH-EAST", qty: 2 };
  expectOk(await f.post("finance", { type: "po.confirm", ...at, reference: "PO-H-LATE", unitCost: "4.00", eta: daysAgo(1), fob: "destination", supplier: "Acme" }));
  const early = await f.post("warehouse", { type: "receive", ...at, reference: "PO-H-LATE", occurredAt: daysAgo(2) });
  expect([early.status, early.body.code]).toEqual([409, "history_conflict"]);
});

it("a back-dated event that fits history is accepted and shows at its moment", async () => {
  expectOk(await f.call("admin", "POST", "/api/v1/skus", { sku: "H-FIT", name: "Fits", costingMethod: "fifo" }));
  await receive("H-FIT", 4, daysAgo(3));
  expectOk(await f.post("warehouse", { type: "hold", sku: "H-FIT", location: "WH-EAST", qty: 4, occurredAt: daysAgo(2) }));
  const [east] = (await f.call("warehouse", "GET", `/api/v1/skus/H-FIT/warehouse?asOf=${encodeURIComponent(daysAgo(1))}&location=WH-EAST`)).body
    .locations as { states: Record<string, number> }[];
  expect(east.states.QUALITY_HOLD).toBe(4);
});

it("an event dated beyond a small clock skew is refused as invalid input", async () => {
  const hold = await f.post("warehouse", { type: "hold", sku: "T-FIFO", location: "WH-EAST", qty: 1, occurredAt: new Date(Date.now() + 10 * 60_000).toISOString() });
  expect([hold.status, hold.body.code]).toEqual([400, "invalid_input"]);
  expect(hold.body.errors).toHaveProperty("occurredAt");
});

it("no internal position is negative at any moment of the ledger", async () => {
  expect(await negativesInHistory(f)).toEqual([]);
  expect(await f.verify()).toEqual([]);
});

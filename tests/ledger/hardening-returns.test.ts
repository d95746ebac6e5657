// Issue 6 item 5: a return cannot create stock from nothing. With an order line it
// is bounded by what the line delivered (or shipped FOB shipping point) less what
// came back; without one it waits for another warehouse user's approval.
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectOk, ledgerFixture, stock, type LedgerFixture } from "../helpers/ledger-fixture.ts";

let f: LedgerFixture;
beforeAll(async () => {
  f = await ledgerFixture();
  await stock(f, "T-FIFO", 20);
  await fulfil("SO-R/1", 1, "destination", true);
  await fulfil("SO-R/2", 2, "shipping_point", false);
  await fulfil("SO-R/3", 2, "destination", false);
});
afterAll(() => f?.drop());

const at = { sku: "T-FIFO", location: "WH-EAST" };

async function fulfil(orderLine: string, qty: number, fob: "destination" | "shipping_point", deliver: boolean) {
  expectOk(await f.post("sales", { type: "reserve", ...at, qty, channel: "web", orderLine }));
  for (const type of ["pick", "pack"]) expectOk(await f.post("warehouse", { type, ...at, qty, orderLine }));
  expectOk(await f.post("warehouse", { type: "ship", ...at, qty, orderLine, fob }));
  if (deliver) expectOk(await f.post("warehouse", { type: "deliver", ...at, qty, orderLine }));
}

async function inReturnQc() {
  const [row] = await f.query<{ n: number }>("SELECT coalesce(sum(qty), 0)::int AS n FROM balance WHERE state = 'RETURN_QC'");
  return row.n;
}

const returned = (orderLine: string, qty: number, rma: string) => f.post("warehouse", { type: "return.receive", ...at, qty, rma, orderLine });

it("1,001 units back against a line that delivered 1 are refused", async () => {
  const response = await returned("SO-R/1", 1001, "RMA-1");
  expect([response.status, response.body.code]).toEqual([409, "insufficient_quantity"]);
  expect(await inReturnQc()).toBe(0);
});

it("a delivered line takes back what it delivered, once", async () => {
  expectOk(await returned("SO-R/1", 1, "RMA-2"));
  const again = await returned("SO-R/1", 1, "RMA-3");
  expect([again.status, again.body.code]).toEqual([409, "insufficient_quantity"]);
  expect(await inReturnQc()).toBe(1);
});

it("a line shipped FOB shipping point counts as with the customer", async () => {
  const tooMany = await returned("SO-R/2", 3, "RMA-4");
  expect([tooMany.status, tooMany.body.code]).toEqual([409, "insufficient_quantity"]);
  expectOk(await returned("SO-R/2", 2, "RMA-4"));
});

it("units still in outbound transit have not reached the customer", async () => {
  const response = await returned("SO-R/3", 1, "RMA-5");
  expect([response.status, response.body.code]).toEqual([409, "insufficient_quantity"]);
});

it("a return without an order line waits for another warehouse user", async () => {
  const before = await inReturnQc();
  const request = await f.post("warehouse", { type: "return.receive", ...at, qty: 4, rma: "RMA-6" });
  expect(request.status).toBe(202);
  const approval = request.body.approval as { id: string; type: string };
  expect(approval.type).toBe("return.receive");
  expect(await inReturnQc()).toBe(before);

  const self = await f.call("warehouse", "POST", `/api/v1/approvals/${approval.id}/approve`);
  expect([self.status, self.body.code]).toEqual([403, "self_approval"]);
  const byFinance = await f.call("finance", "POST", `/api/v1/approvals/${approval.id}/approve`);
  expect([byFinance.status, byFinance.body.code]).toEqual([403, "forbidden"]);
  expect((await f.call("warehouse_2", "POST", `/api/v1/approvals/${approval.id}/approve`)).status).toBe(201);
  expect(await inReturnQc()).toBe(before + 4);
  expect(await f.verify()).toEqual([]);
});

// Issue 6 item 6: approval thresholds apply to the requester's total for a SKU and
// location in the business day, so splitting a request does not avoid them.
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectOk, ledgerFixture, stock, type LedgerFixture } from "../helpers/ledger-fixture.ts";

let f: LedgerFixture;
beforeAll(async () => {
  f = await ledgerFixture();
});
afterAll(() => f?.drop());

async function policy(sku: string, writeOffValue: string, countVarianceUnits: number) {
  const body = { location: "WH-EAST", approvalThresholds: { writeOffValue, countVarianceUnits } };
  expect((await f.call("admin", "PUT", `/api/v1/skus/${sku}/policy`, body)).status).toBe(200);
}

it("ten write-offs each below the threshold: once the day's total reaches it, the rest need approval", async () => {
  const at = { sku: "T-FIFO", location: "WH-EAST" };
  await policy("T-FIFO", "20.00", 0);
  await stock(f, "T-FIFO", 40, { unitCost: "5.00" });
  expectOk(await f.post("warehouse", { type: "damage", ...at, qty: 36, fromState: "AVAILABLE" }));

  // 3 units × 5.00 = 15.00 each, below 20.00; the day's total is 150.00.
  const statuses: number[] = [];
  for (let i = 0; i < 10; i++) statuses.push((await f.post("finance", { type: "writeoff", ...at, qty: 3 })).status);
  expect(statuses[0]).toBe(201);
  expect(statuses.slice(2)).toEqual(Array(8).fill(202));
  const [scrapped] = await f.query<{ n: number }>("SELECT coalesce(sum(qty), 0)::int AS n FROM ledger_event WHERE type = 'writeoff'");
  expect(scrapped.n).toBeLessThanOrEqual(6);

  // The total is the requester's: another finance user still has a full allowance.
  expect((await f.post("finance_2", { type: "writeoff", ...at, qty: 3 })).status).toBe(201);
});

it("count variances add up per requester and day against the tolerance", async () => {
  const at = { sku: "T-AVG", location: "WH-EAST" };
  await policy("T-AVG", "500.00", 2);
  await stock(f, "T-AVG", 10);
  const statuses: number[] = [];
  for (let i = 0; i < 5; i++) {
    const [row] = await f.query<{ n: number }>(
      "SELECT coalesce(sum(qty), 0)::int AS n FROM balance b JOIN sku s ON s.id = b.sku_id WHERE s.code = 'T-AVG' AND state = 'AVAILABLE' AND bin = ''",
    );
    // Each count finds one unit missing: a variance of −1, within the tolerance of 2 on its own.
    statuses.push((await f.post("warehouse", { type: "count", ...at, countedQty: row.n - 1 })).status);
  }
  expect(statuses.slice(0, 2)).toEqual([201, 201]);
  expect(statuses.slice(3)).toEqual([202, 202]);
  expect(await f.verify()).toEqual([]);
});

// Rebalancing reads the sales forecast: a location keeps back the next 14 days
// of forecast demand (reserved + refused, per week, at that location) before it
// spares anything, so a busy warehouse is not emptied into a quiet store.
import { afterAll, beforeAll, expect, it } from "vitest";
import { ledgerFixture, stock, type LedgerFixture } from "../helpers/ledger-fixture.ts";
import { demoUser } from "../../prisma/demo-users.ts";
import { dayOf } from "../../lib/domain/periods.ts";
import { addDays, weekOf } from "../../lib/domain/sales/days.ts";

let f: LedgerFixture;
beforeAll(async () => {
  f = await ledgerFixture();
  await stock(f, "T-FIFO", 30, { bin: "A-01" });
  const policy = await f.call("admin", "PUT", "/api/v1/skus/T-FIFO/policy", { location: "WH-WEST", safetyStock: 15 });
  expect(policy.status).toBe(200);
});
afterAll(() => f?.drop());

const suggestions = async () => {
  const { rebalanceSuggestions } = await import("../../lib/server/views/warehouse-rebalance.ts");
  return rebalanceSuggestions();
};

it("with no demand at the source, all it holds beyond safety stock can go", async () => {
  expect(await suggestions()).toEqual([expect.objectContaining({ sku: "T-FIFO", from: "WH-EAST", to: "WH-WEST", qty: 15, fromSurplus: 30, fromWeekly: 0 })]);
});

it("keeps back the next 14 days of forecast demand, refused demand included, and this week's demand not yet", async () => {
  const thisWeek = weekOf(dayOf(new Date()));
  const weeks = [4, 3, 2, 1].map((n) => addDays(thisWeek, -7 * n));
  const { id: actor } = demoUser("sales");
  // Ten units asked for each of the last four weeks at WH-EAST, refused for want of stock (lost demand), and more this week.
  for (const week of [...weeks, thisWeek]) {
    await f.query(
      `INSERT INTO demand_refusal (sku_id, location_id, channel_id, qty, occurred_at, actor_id)
       SELECT s.id, l.id, c.id, 10, $1::timestamptz, $2::uuid FROM sku s, location l, channel c WHERE s.code = 'T-FIFO' AND l.code = 'WH-EAST' AND c.code = 'web'`,
      `${week}T00:00:00Z`, actor,
    );
  }
  const [line] = await suggestions();
  expect(line).toMatchObject({ from: "WH-EAST", to: "WH-WEST", qty: 10, fromSurplus: 10, fromWeekly: 10 });
  expect(line.fromStock.cover).toBe(20);
});

it("pages the suggestions, a scan narrowing them, with how many there are in all", async () => {
  const { rebalanceSuggestions } = await import("../../lib/server/views/warehouse-rebalance.ts");
  const all = await rebalanceSuggestions();
  expect(all.length).toBeGreaterThan(0);
  const page = await rebalanceSuggestions(undefined, undefined, { page: 1 });
  expect(page).toMatchObject({ rows: all, total: all.length, page: 1, pageCount: 1, suggested: all.length });
  expect(await rebalanceSuggestions(undefined, undefined, { scan: "WH-WEST", page: 1 })).toMatchObject({ total: all.length, suggested: all.length });
  expect(await rebalanceSuggestions(undefined, undefined, { scan: "NO-SUCH-SKU", page: 3 })).toMatchObject({ rows: [], total: 0, page: 1, pageCount: 1, suggested: all.length });
  expect(await rebalanceSuggestions(undefined, undefined, { scan: "T-FIFO" })).toEqual(all);
});

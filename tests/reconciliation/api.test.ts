// GET /api/v1/skus/{sku}/reconciliation per api.md: every role reads it; each
// identity has its sides, buckets with quantities or values and event ids, and a remainder.
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectOk, ledgerFixture, stock, type LedgerFixture } from "../helpers/ledger-fixture.ts";

let f: LedgerFixture;
beforeAll(async () => {
  f = await ledgerFixture();
  await stock(f, "T-FIFO", 10, { unitCost: "5.00" });
  expectOk(await f.post("sales", { type: "reserve", sku: "T-FIFO", qty: 3, location: "WH-EAST", channel: "web", orderLine: "SO-1" }));
});
afterAll(() => f?.drop());

type Identity = { name: string; location: string | null; channel: string | null; left: number | string; right: number | string; buckets: { bucket: string; qty?: number; value?: string; events: string[] }[]; unexplained: number | string };

it.each(["sales", "warehouse", "finance", "admin"] as const)("%s reads a SKU's identities, with the events behind each bucket", async (role) => {
  const response = await f.call(role, "GET", "/api/v1/skus/T-FIFO/reconciliation");
  expect(response.status).toBe(200);
  const identities = response.body.identities as Identity[];
  const atp = identities.find((i) => i.name === "on-hand-vs-atp" && i.location === null && i.channel === "marketplace")!;
  expect([atp.left, atp.right, atp.unexplained]).toEqual([10, 7, 0]);
  const committed = atp.buckets.find((b) => b.bucket === "committed:web")!;
  expect(committed.qty).toBe(3);
  const [reserve] = await f.query<{ id: string }>("SELECT id::text FROM ledger_event WHERE type = 'reserve' ORDER BY seq DESC LIMIT 1");
  expect(committed.events).toEqual([reserve.id]);
  const value = identities.find((i) => i.name === "journal-vs-layers")!;
  expect([value.left, value.right, value.unexplained]).toEqual(["50.00", "50.00", "0.00"]);
});

it("answers as of a moment, and refuses an unknown SKU and a bad asOf", async () => {
  const before = await f.call("sales", "GET", `/api/v1/skus/T-FIFO/reconciliation?asOf=${encodeURIComponent("2020-01-01T00:00:00Z")}`);
  expect(before.status).toBe(200);
  expect((before.body.identities as Identity[]).every((i) => i.unexplained === 0 || i.unexplained === "0.00")).toBe(true);
  expect((await f.call("sales", "GET", "/api/v1/skus/NOPE/reconciliation")).status).toBe(404);
  expect((await f.call("sales", "GET", "/api/v1/skus/T-FIFO/reconciliation?asOf=yesterday")).status).toBe(400);
  expect((await f.call(null, "GET", "/api/v1/skus/T-FIFO/reconciliation")).status).toBe(401);
});

it("reads the events behind the units held, not the SKU's whole history of closed positions", async () => {
  // 60 order lines reserved and released: positions that hold nothing, each with its history.
  for (let i = 0; i < 60; i++) {
    expectOk(await f.post("sales", { type: "reserve", sku: "T-FIFO", qty: 1, location: "WH-EAST", channel: "web", orderLine: `SO-OLD-${i}` }));
    expectOk(await f.post("sales", { type: "release", sku: "T-FIFO", qty: 1, location: "WH-EAST", channel: "web", orderLine: `SO-OLD-${i}` }));
  }
  const { db } = await import("../../lib/server/sql.ts");
  const { skuReconciliation } = await import("../../lib/server/views/reconciliation/sku.ts");
  // Every statement the reconciliation sends, with the rows it answered.
  const answered: number[] = [];
  const counting = { key: db.key, query: async <T>(statement: Parameters<typeof db.query>[0]) => {
    const rows = await db.query<T>(statement);
    answered.push(rows.length);
    return rows;
  } };
  const view = await skuReconciliation("T-FIFO", { periods: false }, counting);
  const atp = view.identities.find((i) => i.name === "on-hand-vs-atp" && i.location === null && i.channel === "marketplace")!;
  const committed = atp.buckets.find((b) => b.bucket === "committed:web")!;
  const [reserve] = await f.query<{ id: string }>("SELECT id::text FROM ledger_event WHERE type = 'reserve' AND to_doc = 'SO-1'");
  expect(committed.qty).toBe(3);
  expect(committed.events).toEqual([reserve.id]);
  // The closed order lines' 60 reservations are not read: no answer grows with them.
  expect(Math.max(...answered)).toBeLessThan(20);
});

// Concurrent requests through the real route handlers and a pool of real
// PostgreSQL connections: no interleaving may oversell or double-post.
import { afterAll, beforeAll, expect, it } from "vitest";
import { ledgerFixture, stock, type LedgerFixture } from "../helpers/ledger-fixture.ts";

let f: LedgerFixture;
beforeAll(async () => {
  f = await ledgerFixture();
  await stock(f, "T-AVG", 60, { bin: "A-01" });
  await stock(f, "T-AVG", 40, { bin: "A-02" });
});
afterAll(() => f?.drop());

it("200 concurrent reservations of 1 against 100 available: exactly 100 succeed", async () => {
  const results = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      f.post("sales", { type: "reserve", sku: "T-AVG", qty: 1, location: "WH-EAST", channel: "web", orderLine: `SO-C/${i}` }),
    ),
  );
  const created = results.filter((r) => r.status === 201);
  const refused = results.filter((r) => r.status !== 201);
  expect(created).toHaveLength(100);
  expect(refused).toHaveLength(100);
  for (const r of refused) expect([r.status, r.body.code]).toEqual([409, "insufficient_quantity"]);

  const rows = await f.query<{ state: string; qty: number }>(
    "SELECT state, sum(qty)::int AS qty FROM balance b JOIN sku s ON s.id = b.sku_id WHERE s.code = 'T-AVG' AND state IN ('AVAILABLE','RESERVED') GROUP BY state ORDER BY state",
  );
  expect(rows).toEqual([{ state: "AVAILABLE", qty: 0 }, { state: "RESERVED", qty: 100 }]);
  expect(await f.verify()).toEqual([]);
});

it("racing requests with one idempotency key post one event", async () => {
  await stock(f, "T-FIFO", 5);
  const body = { type: "hold", sku: "T-FIFO", qty: 1, location: "WH-EAST", reason: "smell" };
  const results = await Promise.all(Array.from({ length: 20 }, () => f.post("warehouse", body, "race-key")));
  expect(results.every((r) => r.status === 201)).toBe(true);
  const ids = new Set(results.map((r) => (r.body.event as { id: string }).id));
  expect(ids.size).toBe(1);
  const [row] = await f.query<{ n: number }>("SELECT count(*)::int AS n FROM ledger_event WHERE type = 'hold'");
  expect(row.n).toBe(1);
});

it("racing different bodies under one key: one posts, the others are refused or replayed, never a second event", async () => {
  const results = await Promise.all(
    Array.from({ length: 10 }, (_, i) => f.post("warehouse", { type: "hold", sku: "T-FIFO", qty: 1, location: "WH-EAST", reason: `r${i % 2}` }, "race-key-2")),
  );
  expect(results.filter((r) => r.status === 201).length).toBeGreaterThanOrEqual(1);
  for (const r of results.filter((r) => r.status !== 201)) expect(r.body.code).toBe("idempotency_conflict");
  const [row] = await f.query<{ n: number }>("SELECT count(*)::int AS n FROM ledger_event WHERE type = 'hold'");
  expect(row.n).toBe(2);
});

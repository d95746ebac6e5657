// Group commit through the real route handlers: events that arrive together share
// a transaction (seen in the rows' inserting transaction id, xmin), and each still
// gets exactly the answer it would get alone: refusals, approvals, replays and
// conflicts refuse or answer only themselves, and nothing oversells.
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ledgerFixture, stock, type LedgerFixture } from "../helpers/ledger-fixture.ts";

let f: LedgerFixture;
beforeAll(async () => {
  f = await ledgerFixture();
  await stock(f, "T-FIFO", 40);
  await stock(f, "T-AVG", 30);
  await stock(f, "T-STD", 30);
  await stock(f, "T-FIFO", 20, { location: "WH-WEST" });
});
afterAll(() => f?.drop());

const reserve = (sku: string, i: number, qty = 1) => ({ type: "reserve", sku, qty, location: "WH-EAST", channel: "web", orderLine: `SO-G-${sku}-${i}` });

it("64 reservations of 1 against 40 arriving together: exactly 40 post, in shared transactions; the 24 refused are kept as lost demand", async () => {
  const results = await Promise.all(Array.from({ length: 64 }, (_, i) => f.post("sales", reserve("T-FIFO", i))));
  expect(results.filter((r) => r.status === 201)).toHaveLength(40);
  for (const r of results.filter((r) => r.status !== 201)) expect([r.status, r.body.code]).toEqual([409, "insufficient_quantity"]);
  const [rows] = await f.query<{ events: number; transactions: number }>(`
    SELECT count(*)::int AS events, count(DISTINCT e.xmin::text)::int AS transactions
      FROM ledger_event e JOIN sku s ON s.id = e.sku_id WHERE s.code = 'T-FIFO' AND e.type = 'reserve'`);
  expect(rows.events).toBe(40);
  expect(rows.transactions).toBeLessThan(40);
  const [lost] = await f.query<{ n: number }>("SELECT count(*)::int AS n FROM demand_refusal d JOIN sku s ON s.id = d.sku_id WHERE s.code = 'T-FIFO'");
  expect(lost.n).toBe(24);
  expect(await f.verify()).toEqual([]);
});

it("a mixed crowd: each answers as it would alone", async () => {
  const sameBody = { type: "hold", sku: "T-AVG", qty: 1, location: "WH-EAST", reason: "dent" };
  const calls = [
    ...Array.from({ length: 10 }, (_, i) => f.post("sales", reserve("T-AVG", i, 2))), // 20 of 30
    f.post("sales", reserve("T-AVG", 99, 50)), // more than there is
    f.post("sales", { ...reserve("NOPE", 1) }), // no such SKU
    f.post("warehouse", { type: "count", sku: "T-FIFO", location: "WH-WEST", countedQty: 10 }), // a variance of 10 waits for approval
    f.post("warehouse", sameBody, "crowd-key"),
    f.post("warehouse", sameBody, "crowd-key"), // the same request again: one event
    f.post("warehouse", { ...sameBody, reason: "other" }, "crowd-key-2"),
    f.post("warehouse", { ...sameBody, reason: "another" }, "crowd-key-2"), // another body under a used key
    ...Array.from({ length: 10 }, (_, i) => f.post("sales", reserve("T-STD", i, 3))), // 30 of 30
    f.post("finance", { type: "po.confirm", sku: "T-STD", qty: 5, location: "WH-WEST", reference: "PO-CROWD", unitCost: "6.50", eta: "2026-01-05T00:00:00Z", fob: "destination", supplier: "Acme" }),
  ];
  const results = await Promise.all(calls);
  const status = results.map((r) => r.status);
  expect(status.slice(0, 10)).toEqual(Array(10).fill(201));
  expect([status[10], results[10].body.code]).toEqual([409, "insufficient_quantity"]);
  expect(status[11]).toBe(404);
  expect(status[12]).toBe(202);
  expect([status[13], status[14]]).toEqual([201, 201]);
  expect((results[13].body.event as { id: string }).id).toBe((results[14].body.event as { id: string }).id);
  expect([status[15], status[16]].sort()).toEqual([201, 409]);
  expect([results[15], results[16]].find((r) => r.status === 409)?.body.code).toBe("idempotency_conflict");
  expect(status.slice(17, 27)).toEqual(Array(10).fill(201));
  expect(status[27]).toBe(201);

  const balances = await f.query<{ sku: string; state: string; qty: number }>(`
    SELECT s.code AS sku, b.state, sum(b.qty)::int AS qty FROM balance b JOIN sku s ON s.id = b.sku_id
     WHERE b.state IN ('AVAILABLE', 'RESERVED', 'QUALITY_HOLD') AND s.code IN ('T-AVG', 'T-STD') GROUP BY 1, 2 ORDER BY 1, 2`);
  expect(balances).toEqual([
    { sku: "T-AVG", state: "AVAILABLE", qty: 8 },
    { sku: "T-AVG", state: "QUALITY_HOLD", qty: 2 },
    { sku: "T-AVG", state: "RESERVED", qty: 20 },
    { sku: "T-STD", state: "AVAILABLE", qty: 0 },
    { sku: "T-STD", state: "RESERVED", qty: 30 },
  ]);
  // The replayed request answers the same again later, alone.
  const again = await f.post("warehouse", sameBody, "crowd-key");
  expect((again.body.event as { id: string }).id).toBe((results[13].body.event as { id: string }).id);
  expect(await f.verify()).toEqual([]);
});

it("a group waiting for a SKU another transaction holds does not hold up other SKUs' events; its own posts once the lock is let go", async () => {
  const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await holder.connect();
  try {
    await holder.query("BEGIN");
    await holder.query("SELECT pg_advisory_xact_lock(hashtextextended(id::text, 7)) FROM sku WHERE code = 'T-AVG'");
    let waitingDone = false;
    const waiting = f.post("sales", reserve("T-AVG", 500)).finally(() => (waitingDone = true));
    await new Promise((resolve) => setTimeout(resolve, 100)); // its group is built up to the lock, and waits there
    const others = await Promise.race([
      Promise.all([
        f.post("sales", { ...reserve("T-FIFO", 500), location: "WH-WEST" }),
        f.post("warehouse", { type: "hold", sku: "T-FIFO", qty: 1, location: "WH-WEST", reason: "scratch" }),
      ]),
      new Promise<"held up">((resolve) => setTimeout(() => resolve("held up"), 2_000)),
    ]);
    expect(others === "held up" ? others : others.map((r) => r.status)).toEqual([201, 201]);
    expect(waitingDone).toBe(false);
    await holder.query("COMMIT");
    expect((await waiting).status).toBe(201);
  } finally {
    await holder.query("ROLLBACK").catch(() => {});
    await holder.end();
  }
  expect(await f.verify()).toEqual([]);
});

it("FIFO receipts received at one moment: the last one posted is the newest layer, as a replay finds", async () => {
  // Layers received at the same moment are ordered by their rows' sequence. A new layer has
  // no row yet while it is valued, and must still count as newer than every written one:
  // receipts sharing a group's moment (planned together in memory), and receipts dated at one
  // moment by the client (each posted on its own, after the others were written).
  const costs = ["10.00", "12.00", "10.00", "12.00", "11.00", "10.00", "12.00", "13.00"];
  const moment = new Date(Date.now() - 3_600_000).toISOString();
  for (const [sku, dated] of [["T-FIFO", false], ["T-FIFO-2", true]] as const) {
    if (sku !== "T-FIFO") expect((await f.call("admin", "POST", "/api/v1/skus", { sku, name: sku, costingMethod: "fifo" })).status).toBe(201);
    const when = dated ? { occurredAt: moment } : {};
    for (const [i, unitCost] of costs.entries()) {
      const po = { type: "po.confirm", sku, qty: 5, location: "WH-EAST", reference: `PO-TIE-${sku}-${i}`, unitCost, eta: moment, fob: "destination", supplier: "Acme", ...when };
      expect((await f.post("finance", po)).status).toBe(201);
    }
    const results = await Promise.all(costs.map((_, i) => f.post("warehouse", { type: "receive", sku, qty: 5, location: "WH-EAST", reference: `PO-TIE-${sku}-${i}`, ...when })));
    expect(results.map((r) => r.status)).toEqual(Array(costs.length).fill(201));
    const receipts = await f.query<{ reference: string; xmin: string; received_at: string }>(`
      SELECT e.reference, e.xmin::text, e.occurred_at::text AS received_at FROM ledger_event e JOIN sku s ON s.id = e.sku_id
       WHERE s.code = $1 AND e.type = 'receive' ORDER BY e.seq`, sku);
    if (!dated) expect(new Set(receipts.map((r) => r.xmin)).size, "receipts sharing transactions").toBeLessThan(costs.length);
    expect(new Set(receipts.map((r) => r.received_at)).size, "receipts at one moment").toBeLessThan(costs.length);
    const [pool] = await f.query<{ unit_cost: string }>(`SELECT p.unit_cost::numeric(20, 2)::text AS unit_cost FROM cost_pool p JOIN sku s ON s.id = p.sku_id WHERE s.code = $1`, sku);
    expect(pool.unit_cost, sku).toBe(costs[Number(receipts.at(-1)!.reference.split("-").at(-1))]);
  }
  expect(await f.verify()).toEqual([]);
});

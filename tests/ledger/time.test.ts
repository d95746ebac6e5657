// Business time: views as of a past moment, closed periods, and corrections by
// reversing events rather than edits.
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectOk, ledgerFixture, stock, type LedgerFixture } from "../helpers/ledger-fixture.ts";

let f: LedgerFixture;
beforeAll(async () => {
  f = await ledgerFixture();
  await stock(f, "T-FIFO", 10, { bin: "A-01" });
});
afterAll(() => f?.drop());

const warehouse = (asOf?: string) => f.call("warehouse", "GET", `/api/v1/skus/T-FIFO/warehouse${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ""}`);

it("answers as of a past business time, including a back-dated event", async () => {
  const day = 86_400_000;
  const at = (daysAgo: number) => new Date(Date.now() - daysAgo * day).toISOString();
  const avg = (asOf?: string) => f.call("warehouse", "GET", `/api/v1/skus/T-AVG/warehouse${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ""}`);
  const common = { sku: "T-AVG", qty: 10, location: "WH-EAST" };
  expectOk(await f.post("finance", { type: "po.confirm", ...common, reference: "PO-TIME", unitCost: "4.00", eta: at(4), fob: "destination", supplier: "Acme", occurredAt: at(4) }));
  expectOk(await f.post("warehouse", { type: "receive", ...common, reference: "PO-TIME", bin: "A-01", occurredAt: at(3) }));
  expectOk(await f.post("warehouse", { type: "inspect", ...common, result: "pass", bin: "A-01", occurredAt: at(3) }));
  const twoDaysAgo = new Date(Date.now() - 2 * day);
  expectOk(await f.post("warehouse", { type: "hold", sku: "T-AVG", qty: 3, location: "WH-EAST", occurredAt: twoDaysAgo.toISOString() }));
  const before = await avg(new Date(twoDaysAgo.getTime() - 1000).toISOString());
  const after = await avg(new Date(twoDaysAgo.getTime() + 1000).toISOString());
  const now = await avg();
  const east = (r: typeof now) => (r.body.locations as { location: string; states: Record<string, number> }[]).find((l) => l.location === "WH-EAST")!;
  expect(east(before).states).toEqual({ AVAILABLE: 10 });
  expect(east(after).states.QUALITY_HOLD).toBe(3);
  expect(east(now).states).toMatchObject({ AVAILABLE: 7, QUALITY_HOLD: 3 });
  expect(now.body).toMatchObject({ onHand: 10, usable: 7, asOfEvent: expect.any(Number) });
});

it("refuses a back-dated event that history cannot carry, and never shows a negative quantity", async () => {
  // T-FIFO's 10 units arrived today: a hold dated ten days ago would put AVAILABLE at −5 for ten days.
  const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000);
  const refused = await f.post("warehouse", { type: "hold", sku: "T-FIFO", qty: 5, location: "WH-EAST", occurredAt: tenDaysAgo.toISOString() });
  expect([refused.status, refused.body.code]).toEqual([409, "history_conflict"]);
  const fiveDaysAgo = await warehouse(new Date(Date.now() - 5 * 86_400_000).toISOString());
  for (const location of fiveDaysAgo.body.locations as { states: Record<string, number> }[]) {
    for (const qty of Object.values(location.states)) expect(qty).toBeGreaterThanOrEqual(0);
  }
  const future = await f.post("warehouse", { type: "hold", sku: "T-FIFO", qty: 1, location: "WH-EAST", occurredAt: new Date(Date.now() + 3_600_000).toISOString() });
  expect([future.status, future.body.code, future.body.errors]).toEqual([400, "invalid_input", { occurredAt: ["is in the future"] }]);
});

it("a view asked for a bad time or an unknown location is a 400 / 404", async () => {
  expect((await warehouse("yesterday")).body.code).toBe("invalid_input");
  expect((await f.call("warehouse", "GET", "/api/v1/skus/T-FIFO/warehouse?location=NOWHERE")).body.code).toBe("unknown_location");
  expect((await f.call("warehouse", "GET", "/api/v1/skus/NOPE/warehouse")).body.code).toBe("unknown_sku");
});

it("a closed period refuses events dated into it, and only ended periods close", async () => {
  const lastYear = `${new Date().getUTCFullYear() - 1}-06`;
  expectOk(await f.post("finance", { type: "period.close", period: lastYear }));
  const again = await f.post("finance", { type: "period.close", period: lastYear });
  expect([again.status, again.body.code]).toEqual([409, "conflict"]);
  const dated = await f.post("warehouse", { type: "hold", sku: "T-FIFO", qty: 1, location: "WH-EAST", occurredAt: `${lastYear}-15T10:00:00Z` });
  expect([dated.status, dated.body.code]).toEqual([409, "period_closed"]);
  const thisMonth = new Date().toISOString().slice(0, 7);
  const early = await f.post("finance", { type: "period.close", period: thisMonth });
  expect([early.status, early.body.code]).toEqual([400, "invalid_input"]);
});

it("a reversing event undoes a move once, and the ledger keeps both", async () => {
  const damage = expectOk(await f.post("warehouse", { type: "damage", sku: "T-FIFO", qty: 2, location: "WH-EAST", fromState: "AVAILABLE" }));
  const seq = (damage.body.event as { seq: number }).seq;
  const undo = await f.post("warehouse", { type: "reverse", reverses: seq, reason: "wrong SKU scanned" });
  expect(undo.status).toBe(201);
  expect(undo.body.event).toMatchObject({ type: "reverse", from: { state: "DAMAGED" }, to: { state: "AVAILABLE" }, qty: 2 });
  const twice = await f.post("warehouse", { type: "reverse", reverses: seq, reason: "again" });
  expect([twice.status, twice.body.code]).toEqual([409, "conflict"]);
  const bySales = await f.post("sales", { type: "reverse", reverses: seq, reason: "x" });
  expect(bySales.body.code).toBe("forbidden");
  const [rows] = await f.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM ledger_event WHERE seq = $1 OR reverses_group = (SELECT group_id FROM ledger_event WHERE seq = $1)",
    seq,
  );
  expect(rows.n).toBe(2);
  expect(await f.verify()).toEqual([]);
});

it("the database itself refuses to edit or delete the ledger", async () => {
  await expect(f.prisma.$executeRawUnsafe("UPDATE ledger_event SET qty = qty + 1")).rejects.toThrow(/append-only/);
  await expect(f.prisma.$executeRawUnsafe("DELETE FROM ledger_event")).rejects.toThrow(/append-only/);
});

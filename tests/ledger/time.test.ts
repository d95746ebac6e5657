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
  const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
  expectOk(await f.post("warehouse", { type: "hold", sku: "T-FIFO", qty: 3, location: "WH-EAST", occurredAt: twoDaysAgo.toISOString() }));
  const before = await warehouse(new Date(twoDaysAgo.getTime() - 1000).toISOString());
  const after = await warehouse(new Date(twoDaysAgo.getTime() + 1000).toISOString());
  const now = await warehouse();
  const east = (r: typeof now) => (r.body.locations as { location: string; states: Record<string, number> }[]).find((l) => l.location === "WH-EAST")!;
  expect(east(before).states.QUALITY_HOLD).toBeUndefined();
  expect(east(after).states.QUALITY_HOLD).toBe(3);
  expect(east(now).states).toMatchObject({ AVAILABLE: 7, QUALITY_HOLD: 3 });
  expect(now.body).toMatchObject({ onHand: 10, usable: 7, asOfEvent: expect.any(Number) });
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
  const hold = expectOk(await f.post("warehouse", { type: "hold", sku: "T-FIFO", qty: 2, location: "WH-EAST" }));
  const seq = (hold.body.event as { seq: number }).seq;
  const undo = await f.post("warehouse", { type: "reverse", reverses: seq, reason: "wrong SKU scanned" });
  expect(undo.status).toBe(201);
  expect(undo.body.event).toMatchObject({ type: "reverse", from: { state: "QUALITY_HOLD" }, to: { state: "AVAILABLE" }, qty: 2 });
  const twice = await f.post("warehouse", { type: "reverse", reverses: seq, reason: "again" });
  expect([twice.status, twice.body.code]).toEqual([409, "conflict"]);
  const bySales = await f.post("sales", { type: "reverse", reverses: seq, reason: "x" });
  expect(bySales.body.code).toBe("forbidden");
  const [rows] = await f.query<{ n: number }>("SELECT count(*)::int AS n FROM ledger_event WHERE seq = $1 OR reverses_seq = $1", seq);
  expect(rows.n).toBe(2);
  expect(await f.verify()).toEqual([]);
});

it("the database itself refuses to edit or delete the ledger", async () => {
  await expect(f.prisma.$executeRawUnsafe("UPDATE ledger_event SET qty = qty + 1")).rejects.toThrow(/append-only/);
  await expect(f.prisma.$executeRawUnsafe("DELETE FROM ledger_event")).rejects.toThrow(/append-only/);
});

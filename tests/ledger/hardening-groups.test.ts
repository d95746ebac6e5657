// Issue 6 item 2: one request, one event group. A request that spans bins writes
// one row per leg, all tied by the group the answer, approvals and reversals name.
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectOk, ledgerFixture, stock, type LedgerFixture } from "../helpers/ledger-fixture.ts";

let f: LedgerFixture;
beforeAll(async () => {
  f = await ledgerFixture();
  await stock(f, "T-FIFO", 3, { bin: "A-01" });
  await stock(f, "T-FIFO", 3, { bin: "A-02" });
  await stock(f, "T-AVG", 3, { bin: "A-01" });
  await stock(f, "T-AVG", 3, { bin: "A-02" });
});
afterAll(() => f?.drop());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
type Leg = { seq: number; group: string; qty: number };
const at = { sku: "T-FIFO", location: "WH-EAST" };

it("a request spanning two bins answers with every leg, all in one group stored on each row", async () => {
  const reserve = expectOk(await f.post("sales", { type: "reserve", ...at, qty: 5, channel: "web", orderLine: "SO-G/1" }));
  const group = reserve.body.group as string;
  expect(group).toMatch(UUID);
  const legs = reserve.body.events as Leg[];
  expect(legs).toHaveLength(2);
  expect(legs.map((leg) => leg.group)).toEqual([group, group]);
  expect(legs.reduce((sum, leg) => sum + leg.qty, 0)).toBe(5);

  const rows = await f.query<{ seq: number }>("SELECT seq::int FROM ledger_event WHERE group_id = $1::uuid ORDER BY seq", group);
  expect(rows.map((row) => row.seq)).toEqual(legs.map((leg) => leg.seq));

  const other = expectOk(await f.post("sales", { type: "reserve", ...at, qty: 1, channel: "web", orderLine: "SO-G/2" }));
  expect(other.body.group).toMatch(UUID);
  expect(other.body.group).not.toBe(group);
});

it("an approval links to the whole group it posted", async () => {
  const sku = { sku: "T-AVG", location: "WH-EAST" };
  expectOk(await f.post("warehouse", { type: "hold", ...sku, qty: 5 }));
  const request = await f.post("warehouse", { type: "hold.release", ...sku, qty: 5 });
  expect(request.status).toBe(202);
  const id = (request.body.approval as { id: string }).id;
  const approved = await f.call("warehouse_2", "POST", `/api/v1/approvals/${id}/approve`);
  expect(approved.status).toBe(201);
  const view = approved.body.approval as { eventGroup: string | null; eventSeq: number | null };
  expect(view.eventGroup).toMatch(UUID);
  const rows = await f.query<{ seq: number; approval_id: string }>(
    "SELECT seq::int, approval_id::text FROM ledger_event WHERE group_id = $1::uuid ORDER BY seq", view.eventGroup,
  );
  expect(rows).toHaveLength(2);
  expect(rows.every((row) => row.approval_id === id)).toBe(true);
  expect(rows.map((row) => row.seq)).toContain(view.eventSeq);
  expect((approved.body.events as Leg[]).map((leg) => leg.group)).toEqual([view.eventGroup, view.eventGroup]);

  const listed = await f.call("warehouse", "GET", "/api/v1/approvals");
  const mine = (listed.body.approvals as { id: string; eventGroup: string | null }[]).find((a) => a.id === id);
  expect(mine?.eventGroup).toBe(view.eventGroup);
});

it("a pending approval has no event group yet", async () => {
  expectOk(await f.post("warehouse", { type: "hold", sku: "T-AVG", location: "WH-EAST", qty: 1 }));
  const request = await f.post("warehouse", { type: "hold.release", sku: "T-AVG", location: "WH-EAST", qty: 1 });
  expect(request.body.approval).toMatchObject({ status: "pending", eventGroup: null, eventSeq: null });
});

it("a reversal is a group of its own whose rows name the group they reverse", async () => {
  await stock(f, "T-FIFO", 2);
  const reserve = expectOk(await f.post("sales", { type: "reserve", ...at, qty: 2, channel: "web", orderLine: "SO-G/3" }));
  const undo = expectOk(await f.post("sales", { type: "reverse", reverses: (reserve.body.events as Leg[])[0].seq, reason: "duplicate" }));
  expect(undo.body.group).toMatch(UUID);
  expect(undo.body.group).not.toBe(reserve.body.group);
  const rows = await f.query<{ reverses_group: string; group_id: string }>(
    "SELECT reverses_group::text, group_id::text FROM ledger_event WHERE type = 'reverse'",
  );
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) expect(row).toEqual({ reverses_group: reserve.body.group, group_id: undo.body.group });
  expect(await f.verify()).toEqual([]);
});

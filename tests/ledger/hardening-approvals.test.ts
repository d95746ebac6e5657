// Issue 6 item 3: approving posts exactly what the request showed; when that can no
// longer post, the decision is refused, nothing moves and the request says why.
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectOk, ledgerFixture, stock, type LedgerFixture } from "../helpers/ledger-fixture.ts";

let f: LedgerFixture;
beforeAll(async () => {
  f = await ledgerFixture();
});
afterAll(() => f?.drop());

type ApprovalView = { id: string; status: string; staleReason?: string | null; eventGroup?: string | null; eventSeq?: number | null };
const approvalOf = (call: { body: Record<string, unknown> }) => call.body.approval as ApprovalView;
const approve = (who: "warehouse_2" | "finance" | "finance_2", id: string) => f.call(who, "POST", `/api/v1/approvals/${id}/approve`);

async function available(sku: string) {
  const [row] = await f.query<{ n: number }>(
    "SELECT coalesce(sum(qty), 0)::int AS n FROM balance b JOIN sku s ON s.id = b.sku_id WHERE s.code = $1 AND state = 'AVAILABLE'", sku,
  );
  return row.n;
}

async function listed(id: string) {
  const response = await f.call("finance", "GET", "/api/v1/approvals");
  return (response.body.approvals as ApprovalView[]).find((a) => a.id === id);
}

it("a count of 9 against 10 approved after a receipt of 50 posts −1, not −51", async () => {
  const at = { sku: "T-FIFO", location: "WH-EAST" };
  const policy = { location: "WH-EAST", approvalThresholds: { writeOffValue: "500.00", countVarianceUnits: 0 } };
  expect((await f.call("admin", "PUT", "/api/v1/skus/T-FIFO/policy", policy)).status).toBe(200);
  await stock(f, "T-FIFO", 10);
  const count = await f.post("warehouse", { type: "count", ...at, countedQty: 9 });
  expect(count.status).toBe(202);
  await stock(f, "T-FIFO", 50);

  const approved = await approve("warehouse_2", approvalOf(count).id);
  expect(approved.status).toBe(201);
  const rows = await f.query<{ qty: number; from_state: string; to_state: string }>(
    "SELECT qty, from_state, to_state FROM ledger_event WHERE approval_id = $1::uuid", approvalOf(count).id,
  );
  expect(rows).toEqual([{ qty: 1, from_state: "AVAILABLE", to_state: "COUNT_ADJUSTMENT" }]);
  expect(await available("T-FIFO")).toBe(59);
  expect(approvalOf(approved)).toMatchObject({ status: "approved", eventSeq: expect.any(Number), eventGroup: expect.stringMatching(/^[0-9a-f-]{36}$/) });
});

it("a write-off whose damaged units were partly written off meanwhile is refused as stale", async () => {
  const at = { sku: "T-AVG", location: "WH-EAST" };
  await stock(f, "T-AVG", 5);
  expectOk(await f.post("warehouse", { type: "damage", ...at, qty: 5, fromState: "AVAILABLE" }));
  const request = await f.post("warehouse", { type: "writeoff", ...at, qty: 5, reason: "crushed" });
  expect(request.status).toBe(202);
  expect((await f.post("finance", { type: "writeoff", ...at, qty: 3 })).status).toBe(201);

  const [before] = await f.query<{ n: number }>("SELECT count(*)::int AS n FROM ledger_event");
  const decision = await approve("finance_2", approvalOf(request).id);
  expect([decision.status, decision.body.code]).toEqual([409, "approval_stale"]);
  const [after] = await f.query<{ n: number }>("SELECT count(*)::int AS n FROM ledger_event");
  expect(after.n).toBe(before.n);
  const view = await listed(approvalOf(request).id);
  expect(view?.status).toBe("pending");
  expect(view?.staleReason).toEqual(expect.stringMatching(/\S/));
});

it("a hold release whose units were released by another approved request is refused as stale", async () => {
  const at = { sku: "T-STD", location: "WH-EAST" };
  await stock(f, "T-STD", 5);
  expectOk(await f.post("warehouse", { type: "hold", ...at, qty: 5 }));
  const all = await f.post("warehouse", { type: "hold.release", ...at, qty: 5 });
  const some = await f.post("warehouse", { type: "hold.release", ...at, qty: 3 });
  expect([all.status, some.status]).toEqual([202, 202]);
  expect((await approve("warehouse_2", approvalOf(some).id)).status).toBe(201);

  const decision = await approve("warehouse_2", approvalOf(all).id);
  expect([decision.status, decision.body.code]).toEqual([409, "approval_stale"]);
  expect(await available("T-STD")).toBe(3);
  const view = await listed(approvalOf(all).id);
  expect(view).toMatchObject({ status: "pending", staleReason: expect.stringMatching(/\S/) });
  // Rejecting a stale request still works: it is how the queue is cleared.
  expect((await f.call("warehouse_2", "POST", `/api/v1/approvals/${approvalOf(all).id}/reject`, { note: "stale" })).status).toBe(200);
});

it("requests that can still post carry no stale reason", async () => {
  const response = await f.call("finance", "GET", "/api/v1/approvals?status=approved");
  const approvals = response.body.approvals as ApprovalView[];
  expect(approvals.length).toBeGreaterThan(0);
  for (const approval of approvals) expect(approval.staleReason ?? null).toBeNull();
  expect(await f.verify()).toEqual([]);
});

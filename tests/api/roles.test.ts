// Each role may post only its own transitions; approvals need a different person
// holding the owning role (segregation of duties).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectOk, ledgerFixture, stock, type LedgerFixture } from "../helpers/ledger-fixture.ts";
import type { Role } from "../../lib/domain/roles.ts";

let f: LedgerFixture;
beforeAll(async () => {
  f = await ledgerFixture();
  await stock(f, "T-STD", 20, { bin: "A-01" });
});
afterAll(() => f?.drop());

const at = { sku: "T-STD", location: "WH-EAST" };
const EVENTS: [string, Role, Record<string, unknown>][] = [
  ["po.confirm", "finance", { type: "po.confirm", ...at, qty: 1, reference: "PO-R1", unitCost: "1.00", eta: "2026-12-30T00:00:00Z", fob: "destination", supplier: "S" }],
  ["receive", "warehouse", { type: "receive", ...at, qty: 1, reference: "PO-R1" }],
  ["reserve", "sales", { type: "reserve", ...at, qty: 1, channel: "web", orderLine: "SO-R/1" }],
  ["hold", "warehouse", { type: "hold", ...at, qty: 1 }],
  ["damage", "warehouse", { type: "damage", ...at, qty: 1, fromState: "AVAILABLE" }],
  ["invoice.match", "finance", { type: "invoice.match", ...at, qty: 1, reference: "PO-R1", unitCost: "1.00" }],
  ["period.close", "finance", { type: "period.close", period: "2025-01" }],
];
const ROLES: Role[] = ["sales", "warehouse", "finance", "admin"];

describe.each(EVENTS)("%s belongs to %s", (_type, owner, body) => {
  it.each(ROLES.filter((role) => role !== owner))("is refused for %s with 403 forbidden", async (role) => {
    const response = await f.post(role, body);
    expect([response.status, response.body.code]).toEqual([403, "forbidden"]);
  });
  it(`is accepted for ${owner}`, async () => {
    expectOk(await f.post(owner, body));
  });
});

describe("approvals", () => {
  it("a write-off requested by warehouse waits for a finance approver", async () => {
    expectOk(await f.post("warehouse", { type: "damage", ...at, qty: 2, fromState: "AVAILABLE" }));
    const request = await f.post("warehouse", { type: "writeoff", ...at, qty: 2, reason: "crushed" });
    expect(request.status).toBe(202);
    const approval = request.body.approval as { id: string; status: string };
    expect(approval.status).toBe("pending");
    const [before] = await f.query<{ n: number }>("SELECT count(*)::int AS n FROM ledger_event WHERE type = 'writeoff'");
    expect(before.n).toBe(0);

    const byWarehouse = await f.call("warehouse_2", "POST", `/api/v1/approvals/${approval.id}/approve`);
    expect([byWarehouse.status, byWarehouse.body.code]).toEqual([403, "forbidden"]);
    const approved = await f.call("finance", "POST", `/api/v1/approvals/${approval.id}/approve`, { note: "ok" });
    expect(approved.status).toBe(201);
    expect(approved.body.approval).toMatchObject({ status: "approved", decidedBy: { name: expect.any(String) } });
    const [after] = await f.query<{ n: number }>("SELECT count(*)::int AS n FROM ledger_event WHERE type = 'writeoff' AND approval_id IS NOT NULL");
    expect(after.n).toBe(1);
    const twice = await f.call("finance_2", "POST", `/api/v1/approvals/${approval.id}/approve`);
    expect(twice.body.code).toBe("approval_not_pending");
  });

  it("the requester cannot approve their own request", async () => {
    expectOk(await f.post("finance", { type: "cost.change", sku: "T-STD", standardCost: "7.25" }));
    const [pending] = await f.query<{ id: string }>("SELECT id::text FROM approval_request WHERE type = 'cost.change' AND status = 'pending'");
    const self = await f.call("finance", "POST", `/api/v1/approvals/${pending.id}/approve`);
    expect([self.status, self.body.code]).toEqual([403, "self_approval"]);
    const other = await f.call("finance_2", "POST", `/api/v1/approvals/${pending.id}/approve`);
    expect(other.status).toBe(201);
    const [sku] = await f.query<{ cost: string }>("SELECT standard_cost::text AS cost FROM sku WHERE code = 'T-STD'");
    expect(sku.cost).toBe("7.2500");
  });

  it("a finance user's small write-off posts at once; a rejected request posts nothing", async () => {
    expectOk(await f.post("warehouse", { type: "damage", ...at, qty: 2, fromState: "AVAILABLE" }));
    const own = await f.post("finance", { type: "writeoff", ...at, qty: 1 });
    expect(own.status).toBe(201);
    const request = await f.post("warehouse", { type: "writeoff", ...at, qty: 1 });
    const id = (request.body.approval as { id: string }).id;
    const rejected = await f.call("finance_2", "POST", `/api/v1/approvals/${id}/reject`, { note: "repairable" });
    expect(rejected.body.approval).toMatchObject({ status: "rejected", decisionNote: "repairable" });
    const [row] = await f.query<{ n: number }>("SELECT count(*)::int AS n FROM ledger_event WHERE approval_id = $1::uuid", id);
    expect(row.n).toBe(0);
  });

  it("a hold release always needs a second warehouse user; the history lists every decision", async () => {
    expectOk(await f.post("warehouse", { type: "hold", ...at, qty: 1 }));
    const request = await f.post("warehouse", { type: "hold.release", ...at, qty: 1 });
    expect(request.status).toBe(202);
    const id = (request.body.approval as { id: string }).id;
    expect((await f.call("warehouse_2", "POST", `/api/v1/approvals/${id}/approve`)).status).toBe(201);
    const history = await f.call("finance", "GET", "/api/v1/approvals");
    const types = (history.body.approvals as { type: string; status: string }[]).map((a) => `${a.type}:${a.status}`);
    expect(types).toEqual(expect.arrayContaining(["hold.release:approved", "writeoff:rejected", "writeoff:approved", "cost.change:approved"]));
    expect((await f.call("sales", "GET", "/api/v1/approvals")).status).toBe(403);
  });
});

it("master data is the admin's: others get 403, bad input 400, duplicates 409", async () => {
  const sku = { sku: "NEW-1", name: "New", costingMethod: "standard", standardCost: "3.10" };
  expect((await f.call("sales", "POST", "/api/v1/skus", sku)).status).toBe(403);
  expect((await f.call("admin", "POST", "/api/v1/skus", { ...sku, standardCost: undefined })).body.code).toBe("invalid_input");
  expect((await f.call("admin", "POST", "/api/v1/skus", sku)).status).toBe(201);
  expect((await f.call("admin", "POST", "/api/v1/skus", sku)).status).toBe(409);
  const policy = { location: "WH-EAST", safetyStock: 3, inspectionLeadDays: 2, allocations: [{ channel: "wholesale", qty: 4 }], approvalThresholds: { writeOffValue: "100.00", countVarianceUnits: 1 } };
  expect((await f.call("admin", "PUT", "/api/v1/skus/NEW-1/policy", policy)).status).toBe(200);
  expect((await f.call("admin", "PUT", "/api/v1/skus/NEW-1/policy", { ...policy, allocations: [{ channel: "tv", qty: 1 }] })).body.code).toBe("unknown_channel");
  expect((await f.call("warehouse", "POST", "/api/v1/locations", { code: "X", name: "X", kind: "store" })).status).toBe(403);
  expect((await f.call("admin", "POST", "/api/v1/channels", { code: "pos", name: "Point of sale" })).status).toBe(201);
});

// Issue 6 item 1: a reversal goes through the same rules as any event — the
// approval the opposite move needs, ATP, dates, and every leg of the group once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectOk, ledgerFixture, stock, type LedgerFixture } from "../helpers/ledger-fixture.ts";

let f: LedgerFixture;
beforeAll(async () => {
  f = await ledgerFixture();
});
afterAll(() => f?.drop());

/** A SKU of this test's own, so earlier tests' stock cannot blur the numbers. */
async function newSku(code: string) {
  expectOk(await f.call("admin", "POST", "/api/v1/skus", { sku: code, name: code, costingMethod: "fifo" }));
  return { sku: code, location: "WH-EAST" };
}

async function qty(sku: string, state: string, doc?: string) {
  const [row] = await f.query<{ n: number }>(
    `SELECT coalesce(sum(b.qty), 0)::int AS n FROM balance b JOIN sku s ON s.id = b.sku_id JOIN location l ON l.id = b.location_id
     WHERE s.code = $1 AND b.state = $2 AND l.code = 'WH-EAST' AND ($3::text IS NULL OR b.doc = $3)`,
    sku, state, doc ?? null,
  );
  return row.n;
}

async function ledgerRows() {
  const [row] = await f.query<{ n: number }>("SELECT count(*)::int AS n FROM ledger_event");
  return row.n;
}

const seqOf = (call: { body: Record<string, unknown> }) => (call.body.event as { seq: number }).seq;
const approvalOf = (call: { body: Record<string, unknown> }) => call.body.approval as { id: string; type: string; status: string };

describe("a reversal needs the approval the opposite move needs", () => {
  it("reversing a hold waits for a second warehouse user, like a hold release", async () => {
    const at = await newSku("RV-HOLD");
    await stock(f, at.sku, 10);
    const hold = expectOk(await f.post("warehouse", { type: "hold", ...at, qty: 3 }));
    const release = await f.post("warehouse", { type: "hold.release", ...at, qty: 3 });
    expect(release.status).toBe(202);

    const undo = await f.post("warehouse", { type: "reverse", reverses: seqOf(hold), reason: "wrong pallet" });
    expect(undo.status).toBe(202);
    expect(approvalOf(undo)).toMatchObject({ type: "reverse", status: "pending" });
    expect([await qty(at.sku, "QUALITY_HOLD"), await qty(at.sku, "AVAILABLE")]).toEqual([3, 7]);

    const self = await f.call("warehouse", "POST", `/api/v1/approvals/${approvalOf(undo).id}/approve`);
    expect([self.status, self.body.code]).toEqual([403, "self_approval"]);
    const approved = await f.call("warehouse_2", "POST", `/api/v1/approvals/${approvalOf(undo).id}/approve`);
    expect(approved.status).toBe(201);
    expect([await qty(at.sku, "QUALITY_HOLD"), await qty(at.sku, "AVAILABLE")]).toEqual([0, 10]);

    // The release asked for earlier can no longer post: the units already left the hold.
    const stale = await f.call("warehouse_2", "POST", `/api/v1/approvals/${approvalOf(release).id}/approve`);
    expect([stale.status, stale.body.code]).toEqual([409, "approval_stale"]);
  });

  it("an approved write-off is undone only with another finance user's approval", async () => {
    const at = await newSku("RV-WO");
    await stock(f, at.sku, 5);
    expectOk(await f.post("warehouse", { type: "damage", ...at, qty: 2, fromState: "AVAILABLE" }));
    const request = await f.post("warehouse", { type: "writeoff", ...at, qty: 2, reason: "crushed" });
    expect(request.status).toBe(202);
    expect((await f.call("finance", "POST", `/api/v1/approvals/${approvalOf(request).id}/approve`)).status).toBe(201);
    const [writeoff] = await f.query<{ seq: number }>("SELECT seq::int FROM ledger_event WHERE approval_id = $1::uuid", approvalOf(request).id);

    const undo = await f.post("warehouse", { type: "reverse", reverses: writeoff.seq, reason: "not scrapped after all" });
    expect(undo.status).toBe(202);
    expect(approvalOf(undo).type).toBe("reverse");
    expect(await qty(at.sku, "DAMAGED")).toBe(0);
    const byWarehouse = await f.call("warehouse_2", "POST", `/api/v1/approvals/${approvalOf(undo).id}/approve`);
    expect([byWarehouse.status, byWarehouse.body.code]).toEqual([403, "forbidden"]);
    expect((await f.call("finance", "POST", `/api/v1/approvals/${approvalOf(undo).id}/approve`)).status).toBe(201);
    expect(await qty(at.sku, "DAMAGED")).toBe(2);
  });

  it("an approved count is undone only with another warehouse user's approval", async () => {
    const at = await newSku("RV-COUNT");
    await stock(f, at.sku, 10);
    const count = await f.post("warehouse", { type: "count", ...at, countedQty: 8 });
    expect(count.status).toBe(202);
    expect((await f.call("warehouse_2", "POST", `/api/v1/approvals/${approvalOf(count).id}/approve`)).status).toBe(201);
    expect(await qty(at.sku, "AVAILABLE")).toBe(8);
    const [posted] = await f.query<{ seq: number }>("SELECT seq::int FROM ledger_event WHERE approval_id = $1::uuid", approvalOf(count).id);

    const undo = await f.post("warehouse", { type: "reverse", reverses: posted.seq, reason: "recount found them" });
    expect(undo.status).toBe(202);
    expect(await qty(at.sku, "AVAILABLE")).toBe(8);
    expect((await f.call("warehouse_2", "POST", `/api/v1/approvals/${approvalOf(undo).id}/approve`)).status).toBe(201);
    expect(await qty(at.sku, "AVAILABLE")).toBe(10);
  });
});

describe("a reversal is refused where the opposite move would be", () => {
  it("reversing a release is a reservation again: refused beyond the channel's ATP", async () => {
    const at = await newSku("RV-ATP");
    await stock(f, at.sku, 10);
    const policy = { location: "WH-EAST", allocations: [{ channel: "wholesale", qty: 6 }] };
    expect((await f.call("admin", "PUT", `/api/v1/skus/${at.sku}/policy`, policy)).status).toBe(200);
    // web may promise 10 − 6 (wholesale's fence) = 4.
    expectOk(await f.post("sales", { type: "reserve", ...at, qty: 4, channel: "web", orderLine: "SO-A/1" }));
    const release = expectOk(await f.post("sales", { type: "release", ...at, qty: 4, orderLine: "SO-A/1" }));
    expectOk(await f.post("sales", { type: "reserve", ...at, qty: 4, channel: "web", orderLine: "SO-B/1" }));

    const before = await ledgerRows();
    const undo = await f.post("sales", { type: "reverse", reverses: seqOf(release), reason: "customer changed mind again" });
    expect([undo.status, undo.body.code]).toEqual([409, "insufficient_quantity"]);
    expect(await qty(at.sku, "RESERVED", "SO-A/1")).toBe(0);
    expect(await ledgerRows()).toBe(before);
  });

  it("reversing a reservation whose units were already picked would leave RESERVED negative", async () => {
    const at = await newSku("RV-NEG");
    await stock(f, at.sku, 5);
    const reserve = expectOk(await f.post("sales", { type: "reserve", ...at, qty: 2, channel: "web", orderLine: "SO-N/1" }));
    expectOk(await f.post("warehouse", { type: "pick", ...at, qty: 2, orderLine: "SO-N/1" }));
    const undo = await f.post("sales", { type: "reverse", reverses: seqOf(reserve), reason: "oops" });
    expect([undo.status, undo.body.code]).toEqual([409, "insufficient_quantity"]);
    expect(await qty(at.sku, "PICKED")).toBe(2);
  });
});

describe("a reversal is dated like any event", () => {
  it.each([
    ["in 2099", "2099-01-01T00:00:00Z"],
    ["an hour from now", new Date(Date.now() + 3_600_000).toISOString()],
  ])("dated %s → 400 invalid_input on occurredAt, nothing written", async (_name, occurredAt) => {
    const at = { sku: "T-FIFO", location: "WH-EAST" };
    if ((await qty(at.sku, "AVAILABLE")) < 1) await stock(f, at.sku, 5);
    const reserve = expectOk(await f.post("sales", { type: "reserve", ...at, qty: 1, channel: "web", orderLine: `SO-F/${occurredAt}` }));
    const before = await ledgerRows();
    const undo = await f.post("sales", { type: "reverse", reverses: seqOf(reserve), reason: "typo", occurredAt });
    expect([undo.status, undo.body.code]).toEqual([400, "invalid_input"]);
    expect(undo.body.errors).toHaveProperty("occurredAt");
    expect(await ledgerRows()).toBe(before);
  });

  it("dated before the event it reverses → 409 history_conflict", async () => {
    const at = await newSku("RV-EARLY");
    await stock(f, at.sku, 5);
    const reserve = expectOk(await f.post("sales", { type: "reserve", ...at, qty: 1, channel: "web", orderLine: "SO-E/1" }));
    const earlier = new Date(Date.now() - 3_600_000).toISOString();
    const undo = await f.post("sales", { type: "reverse", reverses: seqOf(reserve), reason: "x", occurredAt: earlier });
    expect([undo.status, undo.body.code]).toEqual([409, "history_conflict"]);
    expect(await qty(at.sku, "RESERVED")).toBe(1);
  });

  it("dated into a closed period → 409 period_closed", async () => {
    const at = await newSku("RV-CLOSED");
    const year = new Date().getUTCFullYear() - 1;
    const may = (day: number) => `${year}-05-0${day}T10:00:00Z`;
    const common = { ...at, qty: 3 };
    expectOk(await f.post("finance", { type: "po.confirm", ...common, reference: "PO-RVC", unitCost: "2.00", eta: may(1), fob: "destination", supplier: "Acme", occurredAt: may(1) }));
    expectOk(await f.post("warehouse", { type: "receive", ...common, reference: "PO-RVC", occurredAt: may(2) }));
    expectOk(await f.post("warehouse", { type: "inspect", ...common, result: "pass", occurredAt: may(3) }));
    const damage = expectOk(await f.post("warehouse", { type: "damage", ...at, qty: 1, fromState: "AVAILABLE", occurredAt: may(4) }));
    expectOk(await f.post("finance", { type: "period.close", period: `${year}-06` }));
    const undo = await f.post("warehouse", { type: "reverse", reverses: seqOf(damage), reason: "x", occurredAt: `${year}-06-15T10:00:00Z` });
    expect([undo.status, undo.body.code]).toEqual([409, "period_closed"]);
  });
});

describe("a reversal undoes the whole request, once", () => {
  it("reversing any leg of a request that spanned two bins undoes both", async () => {
    const at = await newSku("RV-BINS");
    await stock(f, at.sku, 3, { bin: "A-01" });
    await stock(f, at.sku, 3, { bin: "A-02" });
    const reserve = expectOk(await f.post("sales", { type: "reserve", ...at, qty: 5, channel: "web", orderLine: "SO-M/1" }));
    const legs = reserve.body.events as { seq: number }[];
    expect(legs).toHaveLength(2);

    const undo = await f.post("sales", { type: "reverse", reverses: legs[1].seq, reason: "duplicate order" });
    expect(undo.status).toBe(201);
    const events = undo.body.events as { type: string; qty: number }[];
    expect(events.map((e) => e.type)).toEqual(["reverse", "reverse"]);
    expect(events.reduce((sum, e) => sum + e.qty, 0)).toBe(5);
    expect([await qty(at.sku, "RESERVED"), await qty(at.sku, "AVAILABLE")]).toEqual([0, 6]);

    const again = await f.post("sales", { type: "reverse", reverses: legs[0].seq, reason: "again" });
    expect([again.status, again.body.code]).toEqual([409, "conflict"]);
    const byGroup = await f.post("sales", { type: "reverse", reverses: reserve.body.group, reason: "again" });
    expect([byGroup.status, byGroup.body.code]).toEqual([409, "conflict"]);
    expect(await f.verify()).toEqual([]);
  });

  it("a request can be reversed by its group id", async () => {
    const at = await newSku("RV-GROUP");
    await stock(f, at.sku, 4);
    const damage = expectOk(await f.post("warehouse", { type: "damage", ...at, qty: 2, fromState: "AVAILABLE" }));
    expect(damage.body.group).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
    const undo = await f.post("warehouse", { type: "reverse", reverses: damage.body.group, reason: "not damaged" });
    expect(undo.status).toBe(201);
    expect([await qty(at.sku, "DAMAGED"), await qty(at.sku, "AVAILABLE")]).toEqual([0, 4]);
  });

  it("the actor needs the permission of the reversed event's type", async () => {
    const at = await newSku("RV-PERM");
    await stock(f, at.sku, 4);
    const reserve = expectOk(await f.post("sales", { type: "reserve", ...at, qty: 1, channel: "web", orderLine: "SO-P/1" }));
    const byWarehouse = await f.post("warehouse", { type: "reverse", reverses: seqOf(reserve), reason: "x" });
    expect([byWarehouse.status, byWarehouse.body.code]).toEqual([403, "forbidden"]);
    expect(await qty(at.sku, "RESERVED")).toBe(1);
  });
});

// QA: hostile input on the v1 API is a 4xx problem+json with a stable code, never
// a 500. Found by probing a running demo: a NUL character (which PostgreSQL text
// cannot store) in a body, a path segment or a query string; a literal '%' in a
// SKU path segment (Next.js hands params over decoded, and a second decode threw);
// year 0 in an ISO time (PostgreSQL has no year 0); a day that does not exist;
// and methods a route does not serve.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ledgerFixture, stock, type LedgerFixture } from "../helpers/ledger-fixture.ts";
import { demoUser } from "../../prisma/demo-users.ts";

let f: LedgerFixture;
beforeAll(async () => {
  f = await ledgerFixture();
  await stock(f, "T-FIFO", 10, { bin: "A-01" });
});
afterAll(() => f?.drop());

async function eventCount() {
  const [row] = await f.query<{ n: number }>("SELECT count(*)::int AS n FROM ledger_event");
  return row.n;
}

const reserve = { type: "reserve", sku: "T-FIFO", qty: 1, location: "WH-EAST", channel: "web", orderLine: "SO-QA/1" };

/** Calls a route module the way Next.js does: params already decoded. */
async function direct(module: () => Promise<Record<string, unknown>>, method: string, path: string, params: Record<string, string>, body?: unknown) {
  const handler = (await module())[method] as (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
  const request = new Request(new URL(path, "http://concord.test"), {
    method,
    headers: { authorization: `Bearer ${demoUser("admin").token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const response = await handler(request, { params: Promise.resolve(params) });
  return { status: response.status, type: response.headers.get("content-type"), allow: response.headers.get("allow"), body: (await response.json()) as { code?: string; errors?: Record<string, string[]> } };
}

describe("a NUL character is invalid input, wherever it is", () => {
  it.each([
    ["the SKU", { ...reserve, sku: "\u0000" }, "sku"],
    ["the order line", { ...reserve, orderLine: "SO\u0000" }, "orderLine"],
    ["the reason", { ...reserve, reason: "a\u0000b" }, "reason"],
    ["the reference", { ...reserve, reference: "\u0000" }, "reference"],
    ["a key", { ...reserve, "x\u0000": 1 }, "x\\0"],
  ])("in %s of an event → 400, nothing written", async (_name, body, field) => {
    const before = await eventCount();
    const response = await f.post("sales", body);
    expect(response).toMatchObject({ status: 400, body: { code: "invalid_input" } });
    expect(response.body.errors).toHaveProperty([field]);
    expect(await eventCount()).toBe(before);
  });

  it("in master data and policies → 400", async () => {
    expect(await f.call("admin", "POST", "/api/v1/skus", { sku: "QA-NUL", name: "a\u0000b", costingMethod: "fifo" })).toMatchObject({ status: 400, body: { code: "invalid_input" } });
    expect(await f.call("admin", "POST", "/api/v1/locations", { code: "QA-NUL", name: "\u0000", kind: "store" })).toMatchObject({ status: 400, body: { code: "invalid_input" } });
    expect(await f.call("admin", "POST", "/api/v1/channels", { code: "qanul", name: "\u0000" })).toMatchObject({ status: 400, body: { code: "invalid_input" } });
    const [row] = await f.query<{ n: number }>("SELECT count(*)::int AS n FROM sku WHERE code = 'QA-NUL'");
    expect(row.n).toBe(0);
  });

  it("in a path segment or the query string → 400", async () => {
    const sales = () => import("../../app/api/v1/skus/[sku]/sales/route.ts");
    expect(await direct(sales, "GET", "/api/v1/skus/x/sales?channel=web", { sku: "\u0000" })).toMatchObject({ status: 400, body: { code: "invalid_input" } });
    expect(await direct(sales, "GET", "/api/v1/skus/T-FIFO/sales?channel=web&location=%00", { sku: "T-FIFO" })).toMatchObject({ status: 400, body: { code: "invalid_input" } });
    const warehouse = () => import("../../app/api/v1/skus/[sku]/warehouse/route.ts");
    expect(await direct(warehouse, "GET", "/api/v1/skus/x/warehouse", { sku: "\u0000" })).toMatchObject({ status: 400, body: { code: "invalid_input" } });
    const demand = () => import("../../app/api/v1/skus/[sku]/demand/route.ts");
    expect(await direct(demand, "GET", "/api/v1/skus/x/demand?channel=web", { sku: "\u0000" })).toMatchObject({ status: 400, body: { code: "invalid_input" } });
    const channelLocations = () => import("../../app/api/v1/channels/[channel]/locations/route.ts");
    expect(await direct(channelLocations, "PUT", "/api/v1/channels/x/locations", { channel: "\u0000" }, { locations: [] })).toMatchObject({ status: 400, body: { code: "invalid_input" } });
  });

  it("a deeply nested body is checked without overflowing the stack", async () => {
    const deep = `${'{"a":'.repeat(50_000)}"\\u0000"${"}".repeat(50_000)}`;
    const response = await f.call("sales", "POST", "/api/v1/events", deep, { "idempotency-key": "qa-deep" });
    expect(response).toMatchObject({ status: 400, body: { code: "invalid_input" } });
  });
});

describe("an unpaired UTF-16 surrogate is invalid input, wherever it is", () => {
  // JSON may spell one ("\ud800"); PostgreSQL's json refuses it and its text would store U+FFFD instead.
  const po = { type: "po.confirm", sku: "T-FIFO", qty: 1, location: "WH-EAST", reference: "PO-QA-S", unitCost: "1.00", eta: "2026-01-05T00:00:00Z", fob: "destination", supplier: "Acme" };
  it.each([
    ["the order line", "sales", { ...reserve, orderLine: "SO-\ud800" }, "orderLine"],
    ["the reason", "sales", { ...reserve, reason: "\udfff" }, "reason"],
    ["the reference", "sales", { ...reserve, reference: "x\udc00y" }, "reference"],
    ["the supplier", "finance", { ...po, supplier: "Acme \ud83d" }, "supplier"],
    ["a key", "sales", { ...reserve, "x\ud800": 1 }, "x\\ud800"],
  ] as const)("in %s of an event → 400, nothing written", async (_name, who, body, field) => {
    const before = await eventCount();
    const response = await f.post(who, body);
    expect(response).toMatchObject({ status: 400, body: { code: "invalid_input", errors: { [field]: ["contains an unpaired surrogate"] } } });
    expect(await eventCount()).toBe(before);
  });

  it("a surrogate pair is a character like any other", async () => {
    expect((await f.post("sales", { ...reserve, orderLine: "SO-\ud83d\ude00", reason: "\u{1F4E6} boxed" })).status).toBe(201);
  });

  it("in a batch: refused with the event's index and field, nothing written", async () => {
    const before = await eventCount();
    for (const [bad, field] of [[{ ...reserve, orderLine: "SO-\ud800" }, "orderLine"], [{ ...reserve, reason: "a\u0000b" }, "reason"]] as const) {
      const response = await f.call("sales", "POST", "/api/v1/events/batch", { events: [{ ...reserve, orderLine: "SO-QA/2" }, bad] }, { "idempotency-key": `qa-batch-${Math.random()}` });
      expect(response).toMatchObject({ status: 400, body: { code: "invalid_input", index: 1 } });
      expect(Object.keys(response.body.errors as object)).toEqual([`events[1].${field}`]);
    }
    expect(await eventCount()).toBe(before);
  });
});

describe("a literal '%' in a SKU path segment is an unknown SKU, not a crash", () => {
  it.each([
    ["sales", () => import("../../app/api/v1/skus/[sku]/sales/route.ts"), "GET", "/api/v1/skus/x/sales?channel=web", undefined, "unknown_sku"],
    ["warehouse", () => import("../../app/api/v1/skus/[sku]/warehouse/route.ts"), "GET", "/api/v1/skus/x/warehouse", undefined, "unknown_sku"],
    ["demand", () => import("../../app/api/v1/skus/[sku]/demand/route.ts"), "GET", "/api/v1/skus/x/demand?channel=web", undefined, "unknown_sku"],
    ["policy", () => import("../../app/api/v1/skus/[sku]/policy/route.ts"), "PUT", "/api/v1/skus/x/policy", { location: "WH-EAST" }, "unknown_sku"],
  ])("%s", async (_name, module, method, path, body, code) => {
    const response = await direct(module, method, path, { sku: "100%" }, body);
    expect(response).toMatchObject({ status: 404, body: { code } });
    expect(response.type).toBe("application/problem+json");
  });

  it("an escaped SKU still resolves", async () => {
    const response = await direct(() => import("../../app/api/v1/skus/[sku]/warehouse/route.ts"), "GET", "/api/v1/skus/x/warehouse", { sku: "T%2DFIFO" });
    expect(response.status).toBe(200);
  });
});

describe("times PostgreSQL cannot store are invalid input", () => {
  it.each([
    ["asOf in year 0 (sales)", "/api/v1/skus/T-FIFO/sales?channel=web&asOf=0000-01-01T00:00:00Z"],
    ["asOf in year 0 (warehouse)", "/api/v1/skus/T-FIFO/warehouse?asOf=0000-06-01T00:00:00Z"],
    ["a day that does not exist", "/api/v1/skus/T-FIFO/sales?channel=web&date=2026-02-30"],
    ["a day in year 0", "/api/v1/skus/T-FIFO/sales?channel=web&date=0000-01-01"],
  ])("%s → 400", async (_name, path) => {
    expect(await f.call("sales", "GET", path)).toMatchObject({ status: 400, body: { code: "invalid_input" } });
  });

  it("an event dated or due in year 0 → 400, nothing written", async () => {
    const before = await eventCount();
    const po = { type: "po.confirm", sku: "T-FIFO", qty: 1, location: "WH-EAST", reference: "PO-QA-Y0", unitCost: "1.00", fob: "destination", supplier: "Acme" };
    const dated = await f.post("finance", { ...po, eta: "2026-01-05T00:00:00Z", occurredAt: "0000-01-01T00:00:00Z" });
    expect(dated).toMatchObject({ status: 400, body: { code: "invalid_input", errors: { occurredAt: expect.any(Array) } } });
    const due = await f.post("finance", { ...po, eta: "0000-01-01T00:00:00Z" });
    expect(due).toMatchObject({ status: 400, body: { code: "invalid_input", errors: { eta: expect.any(Array) } } });
    expect(await eventCount()).toBe(before);
  });

  it("a real day and an old asOf still answer", async () => {
    expect((await f.call("sales", "GET", "/api/v1/skus/T-FIFO/sales?channel=web&date=2028-02-29")).status).toBe(200);
    expect((await f.call("sales", "GET", "/api/v1/skus/T-FIFO/warehouse?asOf=1970-01-01T00:00:00Z")).status).toBe(200);
  });
});

describe("a method a route does not serve is 405 problem+json", () => {
  it.each([
    ["GET /events", () => import("../../app/api/v1/events/route.ts"), "GET", "/api/v1/events", "POST"],
    ["DELETE /skus", () => import("../../app/api/v1/skus/route.ts"), "DELETE", "/api/v1/skus", "GET, POST"],
    ["POST /skus/{sku}/sales", () => import("../../app/api/v1/skus/[sku]/sales/route.ts"), "POST", "/api/v1/skus/T-FIFO/sales", "GET"],
    ["GET /approvals/{id}/approve", () => import("../../app/api/v1/approvals/[id]/approve/route.ts"), "GET", "/api/v1/approvals/x/approve", "POST"],
  ])("%s", async (_name, module, method, path, allow) => {
    const response = await direct(module, method, path, {});
    expect(response).toMatchObject({ status: 405, type: "application/problem+json", allow, body: { code: "method_not_allowed" } });
  });
});

// The v1 event endpoint as an integration sees it: each refusal is a clear 4xx
// with a stable code, and a refused request writes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ledgerFixture, stock, type LedgerFixture } from "../helpers/ledger-fixture.ts";

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

const reserve = { type: "reserve", sku: "T-FIFO", qty: 1, location: "WH-EAST", channel: "web", orderLine: "SO-1/1" };

describe("POST /api/v1/events refusals", () => {
  it.each([
    ["unknown SKU", { ...reserve, sku: "NOPE" }, 404, "unknown_sku"],
    ["unknown location", { ...reserve, location: "NOWHERE" }, 404, "unknown_location"],
    ["unknown channel", { ...reserve, channel: "tv" }, 404, "unknown_channel"],
    ["unknown bin", { ...reserve, bin: "Z-99" }, 404, "unknown_bin"],
    ["negative quantity", { ...reserve, qty: -1 }, 400, "invalid_input"],
    ["zero quantity", { ...reserve, qty: 0 }, 400, "invalid_input"],
    ["fractional quantity", { ...reserve, qty: 1.5 }, 400, "invalid_input"],
    ["quantity as a string", { ...reserve, qty: "1" }, 400, "invalid_input"],
    ["unknown field", { ...reserve, colour: "red" }, 400, "invalid_input"],
    ["unknown event type", { ...reserve, type: "teleport" }, 422, "illegal_transition"],
    ["more than available", { ...reserve, qty: 11 }, 409, "insufficient_quantity"],
    ["a future date", { ...reserve, occurredAt: "2099-01-01T00:00:00Z" }, 400, "invalid_input"],
  ])("%s → %i %s, nothing written", async (_name, body, status, code) => {
    const before = await eventCount();
    const response = await f.post("sales", body);
    expect(response.status).toBe(status);
    expect(response.body.code).toBe(code);
    expect(response.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
    expect(await eventCount()).toBe(before);
  });

  it("names each invalid field", async () => {
    const response = await f.post("sales", { ...reserve, qty: 1.5, channel: "" });
    expect(response.body.errors).toMatchObject({ qty: [expect.stringContaining("whole")], channel: [expect.any(String)] });
  });

  it("refuses to ship an order line that does not exist", async () => {
    const ship = await f.post("warehouse", { type: "ship", sku: "T-FIFO", qty: 1, location: "WH-EAST", orderLine: "SO-9/1", fob: "destination" });
    expect([ship.status, ship.body.code]).toEqual([404, "not_found"]);
  });

  it("refuses a move out of order as an illegal transition", async () => {
    expect((await f.post("sales", { ...reserve, orderLine: "SO-2/1", qty: 2 })).status).toBe(201);
    const pack = await f.post("warehouse", { type: "pack", sku: "T-FIFO", qty: 2, location: "WH-EAST", orderLine: "SO-2/1" });
    expect(pack.status).toBe(422);
    expect(pack.body.code).toBe("illegal_transition");
    expect(pack.body.detail).toMatch(/RESERVED/);
  });

  it("refuses a malformed body and a missing idempotency key", async () => {
    const malformed = await f.call("sales", "POST", "/api/v1/events", "{not json", { "idempotency-key": "m-1" });
    expect([malformed.status, malformed.body.code]).toEqual([400, "invalid_input"]);
    const noKey = await f.call("sales", "POST", "/api/v1/events", reserve);
    expect([noKey.status, noKey.body.code]).toEqual([400, "idempotency_key_required"]);
  });

  it("refuses a missing or unknown token", async () => {
    expect((await f.call(null, "POST", "/api/v1/events", reserve, { "idempotency-key": "a-1" })).status).toBe(401);
    const bad = await f.call(null, "POST", "/api/v1/events", reserve, { "idempotency-key": "a-2", authorization: "Bearer nope" });
    expect([bad.status, bad.body.code]).toEqual([401, "unauthenticated"]);
  });

  it("answers with problem+json", async () => {
    const { POST } = await import("../../app/api/v1/events/route.ts");
    const response = await POST(
      new Request("http://concord.test/api/v1/events", { method: "POST", headers: { authorization: "Bearer concord_demo_sales", "idempotency-key": "p-1" }, body: "[]" }),
      { params: Promise.resolve({}) },
    );
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });
});

describe("idempotency", () => {
  it("replays the original answer for the same key and body", async () => {
    const body = { ...reserve, orderLine: "SO-3/1" };
    const first = await f.post("sales", body, "same-key");
    const second = await f.post("sales", body, "same-key");
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect((second.body.event as { id: string }).id).toBe((first.body.event as { id: string }).id);
    const [row] = await f.query<{ n: number }>("SELECT count(*)::int AS n FROM ledger_event WHERE data->>'orderLine' = 'SO-3/1'");
    expect(row.n).toBe(1);
  });

  it("refuses the same key with a different body", async () => {
    await f.post("sales", { ...reserve, orderLine: "SO-4/1" }, "key-4");
    const other = await f.post("sales", { ...reserve, orderLine: "SO-4/1", qty: 2 }, "key-4");
    expect([other.status, other.body.code]).toEqual([409, "idempotency_conflict"]);
  });

  it("lets a refused request be retried with the same key", async () => {
    const tooMany = await f.post("sales", { ...reserve, orderLine: "SO-5/1", qty: 500 }, "key-5");
    expect(tooMany.status).toBe(409);
    const again = await f.post("sales", { ...reserve, orderLine: "SO-5/1", qty: 500 }, "key-5");
    expect(again.body.code).toBe("insufficient_quantity");
  });
});

it("keeps the projection equal to the ledger replayed", async () => {
  expect(await f.verify()).toEqual([]);
});

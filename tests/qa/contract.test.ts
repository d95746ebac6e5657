// What api.md promises a client that follows it to the letter, and bad input on
// every path (server actions too) refused in words rather than by the database.
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { expectOk, ledgerFixture, stock, type LedgerFixture } from "../helpers/ledger-fixture.ts";
import { demoUser } from "../../prisma/demo-users.ts";

const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string; role: "warehouse" } }));
vi.mock("@/lib/server/session", () => ({ currentUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

let f: LedgerFixture;
beforeAll(async () => {
  f = await ledgerFixture();
  await stock(f, "T-FIFO", 10);
});
afterAll(() => f?.drop());

it("a transfer shipped with only toLocation gets an id, and is received with or without it", async () => {
  const shipped = expectOk(await f.post("warehouse", { type: "transfer.ship", sku: "T-FIFO", qty: 4, location: "WH-EAST", toLocation: "WH-WEST" }));
  const transfer = (shipped.body.event as { data: { transfer: string } }).data.transfer;
  expect(transfer).toMatch(/^TR-[0-9A-F]{8}$/);
  expectOk(await f.post("warehouse", { type: "transfer.receive", sku: "T-FIFO", qty: 1, location: "WH-WEST", transfer }));
  const rest = expectOk(await f.post("warehouse", { type: "transfer.receive", sku: "T-FIFO", qty: 3, location: "WH-WEST" }));
  expect((rest.body.event as { data: { transfer: string } }).data.transfer).toBe(transfer);
  const none = await f.post("warehouse", { type: "transfer.receive", sku: "T-FIFO", qty: 1, location: "WH-WEST" });
  expect([none.status, none.body.code]).toEqual([409, "insufficient_quantity"]);
  expect(await f.verify()).toEqual([]);
});

it.each([
  [{ type: "period.close", period: "0000-01" }, "period"],
  [{ type: "hold", sku: "T-FIFO", qty: 2_000_000, location: "WH-EAST" }, "qty"],
  [{ type: "hold", sku: "T-FIFO", qty: 1, location: "WH-EAST", occurredAt: "0000-06-01T00:00:00Z" }, "occurredAt"],
])("refuses %j naming the field", async (body, field) => {
  const who = body.type === "period.close" ? "finance" : "warehouse";
  const answer = await f.post(who, body);
  expect([answer.status, answer.body.code]).toEqual([400, "invalid_input"]);
  expect(Object.keys(answer.body.errors as object)).toContain(field);
});

it("a NUL character or an unpaired surrogate through a screen's action is refused as bad input, not a database error", async () => {
  const user = demoUser("warehouse");
  session.user = { id: user.id, email: user.email, name: user.name, role: "warehouse" };
  const { postEventAction } = await import("../../app/actions/ledger-actions.ts");
  const answer = await postEventAction({ idempotencyKey: "nul-form-0001", event: { type: "hold", sku: "T-FIFO", qty: 1, location: "WH-EAST", reason: "bad\u0000reason" } });
  expect(answer).toMatchObject({ ok: false, code: "invalid_input", fields: { "event.reason": ["contains a NUL character"] } });
  const surrogate = await postEventAction({ idempotencyKey: "nul-form-0002", event: { type: "hold", sku: "T-FIFO", qty: 1, location: "WH-EAST", reason: "lone \udc00" } });
  expect(surrogate).toMatchObject({ ok: false, code: "invalid_input", fields: { "event.reason": ["contains an unpaired surrogate"] } });
  const [rows] = await f.query<{ n: number }>("SELECT count(*)::int AS n FROM ledger_event WHERE type = 'hold'");
  expect(rows.n).toBe(0);
});

it("the OpenAPI document describes the finance reads api.md promises", async () => {
  const { openApiDocument } = await import("../../lib/server/api/openapi.ts");
  const paths = openApiDocument().paths as Record<string, { get?: { parameters?: { name: string }[] } }>;
  expect(paths["/skus/{sku}/finance"]?.get?.parameters?.map((p) => p.name)).toEqual(["sku", "asOf"]);
  expect(paths["/journal"]?.get?.parameters?.map((p) => p.name)).toEqual(["from", "to", "sku", "account", "page", "limit"]);
  expect(paths["/journal/trial-balance"]?.get?.parameters?.map((p) => p.name)).toEqual(["from", "to", "sku"]);
});

// The finance routes take the same hostile input as every other path: refused in
// words (4xx problem+json), never a 500 from the database.
import { afterAll, beforeAll, expect, it } from "vitest";
import { ledgerFixture, type LedgerFixture } from "../helpers/ledger-fixture.ts";
import { demoUser } from "../../prisma/demo-users.ts";

let f: LedgerFixture;
beforeAll(async () => {
  f = await ledgerFixture();
});
afterAll(() => f?.drop());

const financeRoute = () => import("../../app/api/v1/skus/[sku]/finance/route.ts");

async function direct(params: Record<string, string>, path = "/api/v1/skus/x/finance") {
  const handler = (await financeRoute()).GET;
  const request = new Request(new URL(path, "http://concord.test"), { headers: { authorization: `Bearer ${demoUser("finance").token}` } });
  const response = await handler(request, { params: Promise.resolve(params as { sku: string }) });
  return { status: response.status, type: response.headers.get("content-type"), body: (await response.json()) as { code?: string } };
}

it("a NUL in the SKU segment is 400; a literal '%' is an unknown SKU", async () => {
  expect(await direct({ sku: "\u0000" })).toMatchObject({ status: 400, body: { code: "invalid_input" } });
  expect(await direct({ sku: "100%" })).toMatchObject({ status: 404, type: "application/problem+json", body: { code: "unknown_sku" } });
  expect(await direct({ sku: "T-FIFO" }, "/api/v1/skus/T-FIFO/finance?asOf=%00")).toMatchObject({ status: 400, body: { code: "invalid_input" } });
});

it.each([
  "/api/v1/skus/T-FIFO/finance?asOf=0000-06-01T00:00:00Z",
  "/api/v1/journal?from=0000-01-01",
  "/api/v1/journal?to=0000-01-01T00:00:00Z",
  "/api/v1/journal?sku=%00",
  "/api/v1/journal/trial-balance?to=2026-13-01",
])("%s → 400", async (path) => {
  expect(await f.call("finance", "GET", path)).toMatchObject({ status: 400, body: { code: "invalid_input" } });
});

it("an old asOf and an empty journal still answer, with zero and a balanced trial balance", async () => {
  const old = await f.call("finance", "GET", "/api/v1/skus/T-FIFO/finance?asOf=1970-01-01T00:00:00Z");
  expect(old).toMatchObject({ status: 200, body: { owned: 0, value: "0.00", layers: [] } });
  expect(await f.call("finance", "GET", "/api/v1/journal")).toMatchObject({ status: 200, body: { lines: [], total: 0, page: 1, pageCount: 1 } });
  expect(await f.call("finance", "GET", "/api/v1/journal/trial-balance")).toMatchObject({ status: 200, body: { debit: "0.00", credit: "0.00", balanced: true } });
});

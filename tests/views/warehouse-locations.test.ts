// GET /api/v1/skus/{sku}/warehouse lists the locations where the SKU has stock at
// that moment, or the one asked for with ?location= (even when empty).
import { afterAll, beforeAll, expect, it } from "vitest";
import { ledgerFixture, stock, type LedgerFixture } from "../helpers/ledger-fixture.ts";

let f: LedgerFixture;
let beforeStock: string;
beforeAll(async () => {
  f = await ledgerFixture();
  beforeStock = new Date(Date.now() - 1000).toISOString();
  await stock(f, "T-FIFO", 10, { bin: "A-01" });
});
afterAll(() => f?.drop());

const view = async (sku: string, query = "") => {
  const call = await f.call("warehouse", "GET", `/api/v1/skus/${sku}/warehouse${query}`);
  expect(call.status).toBe(200);
  return call.body as { onHand: number; locations: { location: string; onHand: number; states: Record<string, number> }[] };
};

it("lists only the locations where the SKU has a position", async () => {
  expect((await view("T-FIFO")).locations).toEqual([expect.objectContaining({ location: "WH-EAST", onHand: 10 })]);
  expect((await view("T-AVG")).locations).toEqual([]);
});

it("as of a moment before any stock, lists none", async () => {
  expect((await view("T-FIFO", `?asOf=${encodeURIComponent(beforeStock)}`)).locations).toEqual([]);
});

it("lists the location asked for, even when it is empty", async () => {
  expect((await view("T-FIFO", "?location=WH-WEST")).locations).toEqual([{ location: "WH-WEST", states: {}, bins: [], onHand: 0, usable: 0 }]);
  expect((await view("T-FIFO", "?location=WH-EAST")).locations.map((l) => l.location)).toEqual(["WH-EAST"]);
});

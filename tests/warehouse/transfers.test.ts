// A transfer is visible at both ends at every moment: outgoing at the source,
// incoming at the target, and the units across locations never change while it
// is in transit — now and as of every moment in between.
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectOk, ledgerFixture, stock, type LedgerFixture } from "../helpers/ledger-fixture.ts";

let f: LedgerFixture;
const moments: { label: string; at: Date; out: number; in: number }[] = [];
const pause = () => new Promise((resolve) => setTimeout(resolve, 30));
const mark = async (label: string, out: number, incoming: number) => {
  await pause();
  moments.push({ label, at: new Date(), out, in: incoming });
  await pause();
};

beforeAll(async () => {
  f = await ledgerFixture();
  await stock(f, "T-FIFO", 10, { bin: "A-01" });
  await stock(f, "T-FIFO", 2, { location: "WH-WEST", bin: "R-01" });
  await mark("before", 0, 0);
  expectOk(await f.post("warehouse", { type: "transfer.ship", sku: "T-FIFO", qty: 6, location: "WH-EAST", toLocation: "WH-WEST", transfer: "TR-1", eta: new Date(Date.now() + 86_400_000).toISOString() }));
  await mark("shipped", 6, 6);
  expectOk(await f.post("warehouse", { type: "transfer.receive", sku: "T-FIFO", qty: 4, location: "WH-WEST", transfer: "TR-1", toState: "RECEIVING", bin: "R-01" }));
  await mark("part received", 2, 2);
  expectOk(await f.post("warehouse", { type: "transfer.receive", sku: "T-FIFO", qty: 2, location: "WH-WEST", transfer: "TR-1" }));
  await mark("received", 0, 0);
});
afterAll(() => f?.drop());

const grid = async (location: string, asOf: Date | null) => {
  const { stockGrid } = await import("../../lib/server/views/warehouse-stock.ts");
  const page = await stockGrid({ location, q: "T-FIFO", page: 1, asOf });
  return page.rows.find((row) => row.sku === "T-FIFO") ?? { sku: "T-FIFO", name: "", states: {}, onHand: 0, usable: 0, transitIn: 0, transitOut: 0 };
};

it("shows the transfer outgoing at the source and incoming at the target, with the total unchanged, at every moment", async () => {
  for (const moment of moments) {
    const [east, west] = await Promise.all([grid("WH-EAST", moment.at), grid("WH-WEST", moment.at)]);
    expect({ label: moment.label, out: east.transitOut, in: west.transitIn }).toEqual({ label: moment.label, out: moment.out, in: moment.in });
    // Units in transit are counted once, at the target; on hand never includes them.
    expect(east.onHand + west.onHand + west.transitIn).toBe(12);
  }
});

it("now, the received units sit at the target, part of them in receiving", async () => {
  const [east, west] = await Promise.all([grid("WH-EAST", null), grid("WH-WEST", null)]);
  expect(east).toMatchObject({ onHand: 4, transitOut: 0 });
  expect(west).toMatchObject({ onHand: 8, usable: 4, transitIn: 0 });
  expect(west.states).toMatchObject({ RECEIVING: 4, AVAILABLE: 4 });
});

it("lists a transfer in flight with its age and ETA, and the SKU page shows it at both ends", async () => {
  // An ETA before the day the transfer leaves is refused; the same day is fine.
  const early = await f.post("warehouse", { type: "transfer.ship", sku: "T-FIFO", qty: 1, location: "WH-EAST", toLocation: "WH-WEST", transfer: "TR-2", eta: "2026-01-01T00:00:00Z" });
  expect([early.status, early.body.code, Object.keys(early.body.errors as object)]).toEqual([400, "invalid_input", ["eta"]]);
  const eta = `${new Date().toISOString().slice(0, 10)}T23:00:00.000Z`;
  expectOk(await f.post("warehouse", { type: "transfer.ship", sku: "T-FIFO", qty: 1, location: "WH-EAST", toLocation: "WH-WEST", transfer: "TR-2", eta }));
  const { transfersInFlight } = await import("../../lib/server/views/warehouse-transfers.ts");
  const { skuWarehouse } = await import("../../lib/server/views/warehouse-sku.ts");
  const flights = await transfersInFlight();
  expect(flights).toEqual([expect.objectContaining({ ref: "TR-2", sku: "T-FIFO", from: "WH-EAST", to: "WH-WEST", qty: 1, eta })]);
  const page = await skuWarehouse("t-fifo", null);
  expect(page.outgoing).toEqual([{ location: "WH-EAST", to: "WH-WEST", ref: "TR-2", qty: 1 }]);
  expect(page.view.locations.find((l) => l.location === "WH-WEST")?.states.TRANSFER_TRANSIT).toBe(1);
  expect(page.moves[0]).toMatchObject({ type: "transfer.ship", qty: 1 });
  expect(await f.verify()).toEqual([]);
});

it("refuses a transfer to the same location and an unknown bin in words, writing nothing", async () => {
  const { checkScannedCodes } = await import("../../lib/server/views/warehouse-scan.ts");
  const [{ n: before }] = await f.query<{ n: number }>("SELECT count(*)::int AS n FROM ledger_event");
  await expect(checkScannedCodes({ type: "transfer.ship", sku: "t-fifo", qty: 1, location: "wh-east", toLocation: "WH-EAST", transfer: "TR-3" })).rejects.toThrow(
    "A transfer goes to another location: WH-EAST is both the source and the target.",
  );
  await expect(checkScannedCodes({ type: "transfer.ship", sku: "T-FIFO", qty: 1, location: "WH-EAST", bin: "Z-99", toLocation: "WH-WEST" })).rejects.toThrow(
    "WH-EAST has no bin 'Z-99'. Its bins: A-01, A-02, B-01.",
  );
  await expect(checkScannedCodes({ type: "count", sku: "T-FIF", location: "WH-EAST", countedQty: 1 })).rejects.toThrow("No SKU 'T-FIF' in the catalogue. Codes like it: T-FIFO.");
  const [{ n: after }] = await f.query<{ n: number }>("SELECT count(*)::int AS n FROM ledger_event");
  expect(after).toBe(before);
});

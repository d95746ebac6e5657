// A work queue is shown a page at a time (an inbound queue holds thousands of
// POs at scale): the page is a slice of the whole queue, oldest first, and the
// header's counts are over the whole queue, not the page.
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectOk, ledgerFixture, type LedgerFixture } from "../helpers/ledger-fixture.ts";
import { queueByKey } from "../../lib/domain/warehouse/queues.ts";

const POS = 25;

let f: LedgerFixture;
let views: typeof import("../../lib/server/views/warehouse-queues.ts");
let PAGE_SIZE: number;
beforeAll(async () => {
  f = await ledgerFixture();
  views = await import("../../lib/server/views/warehouse-queues.ts");
  ({ PAGE_SIZE } = await import("../../lib/server/views/paging.ts"));
  const eta = new Date(Date.now() + 86_400_000).toISOString();
  for (let n = 1; n <= POS; n++) {
    // Each PO a minute older than the next, so "oldest first" has one answer.
    const occurredAt = new Date(Date.now() - (POS - n + 1) * 60_000).toISOString();
    const location = n % 5 === 0 ? "WH-WEST" : "WH-EAST";
    expectOk(await f.post("finance", { type: "po.confirm", sku: "T-FIFO", qty: n, location, reference: `PO-PAGE-${n}`, unitCost: "1.00", eta, fob: "destination", supplier: "Acme", occurredAt }));
  }
});
afterAll(() => f?.drop());

const inbound = queueByKey("inbound")!;

it("a page is a slice of the whole queue, oldest first, with the count and units of all of it", async () => {
  const all = await views.queueItems(inbound);
  expect(all.map((item) => item.doc)).toEqual(Array.from({ length: POS }, (_, i) => `PO-PAGE-${i + 1}`));
  const first = await views.queueItems(inbound, { page: 1 });
  const second = await views.queueItems(inbound, { page: 2 });
  expect(first).toMatchObject({ total: POS, page: 1, pageCount: Math.ceil(POS / PAGE_SIZE), units: (POS * (POS + 1)) / 2 });
  expect(first.rows).toHaveLength(PAGE_SIZE);
  expect(second).toMatchObject({ total: POS, page: 2, units: first.units });
  expect([...first.rows, ...second.rows]).toEqual(all);
});

it("a page past the end reads as the last page", async () => {
  const last = await views.queueItems(inbound, { page: 2 });
  expect(await views.queueItems(inbound, { page: 99 })).toEqual(last);
});

it("the location and the scan narrow what is paged, and the counts with it", async () => {
  const west = await views.queueItems(inbound, { location: "WH-WEST", page: 1 });
  expect(west).toMatchObject({ total: 5, pageCount: 1, units: 5 + 10 + 15 + 20 + 25 });
  expect(west.rows.map((item) => item.doc)).toEqual(["PO-PAGE-5", "PO-PAGE-10", "PO-PAGE-15", "PO-PAGE-20", "PO-PAGE-25"]);
  const scanned = await views.queueItems(inbound, { scan: "PO-PAGE-7", page: 1 });
  expect(scanned).toMatchObject({ total: 1, units: 7, rows: [expect.objectContaining({ doc: "PO-PAGE-7", location: "WH-EAST", qty: 7 })] });
});

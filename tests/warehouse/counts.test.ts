// Counts racing a pick: the SKU's lock serialises them, so the count's expected
// quantity is what the bin held at its own moment, and the ledger stays whole.
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectOk, ledgerFixture, stock, type LedgerFixture } from "../helpers/ledger-fixture.ts";

let f: LedgerFixture;
beforeAll(async () => {
  f = await ledgerFixture();
});
afterAll(() => f?.drop());

const physicalIn = async (bin: string) => {
  const [row] = await f.query<{ n: number }>(
    "SELECT coalesce(sum(qty), 0)::int AS n FROM balance b JOIN location l ON l.id = b.location_id JOIN sku s ON s.id = b.sku_id WHERE s.code = 'T-AVG' AND l.code = 'WH-EAST' AND b.bin = $1 AND b.state IN ('RECEIVING','AVAILABLE','RESERVED','PICKED','PACKED','QUALITY_HOLD','DAMAGED','RETURN_QC','REJECTED')",
    bin,
  );
  return row.n;
};

it("a count racing a pick to another bin sees the bin before or after the pick, never between", async () => {
  for (let round = 0; round < 6; round++) {
    await stock(f, "T-AVG", 10, { bin: "A-02" });
    const inBin = await physicalIn("A-02");
    const line = `L-${round}`;
    expectOk(await f.post("sales", { type: "reserve", sku: "T-AVG", qty: 4, location: "WH-EAST", channel: "web", orderLine: line, bin: "A-02" }));
    const [pick, count] = await Promise.all([
      f.post("warehouse", { type: "pick", sku: "T-AVG", qty: 4, location: "WH-EAST", orderLine: line, bin: "A-02", toBin: "B-01" }),
      f.post("warehouse_2", { type: "count", sku: "T-AVG", location: "WH-EAST", bin: "A-02", countedQty: inBin }),
    ]);
    expect(pick.status).toBe(201);
    if (count.status === 201) {
      // Counted before the pick: nothing to adjust.
      expect((count.body.event as { data: { expected: number } }).data.expected).toBe(inBin);
    } else {
      // Counted after the pick: the 4 picked units look missing-in-reverse, so the variance (+4) waits for approval.
      expect(count.status).toBe(202);
      expect((count.body.approval as { summary: string }).summary).toContain(`${inBin} counted, ${inBin - 4} expected (+4)`);
    }
  }
  expect(await f.verify()).toEqual([]);
});

it("a count list names who counted, the variance and who approved", async () => {
  await stock(f, "T-STD", 5, { bin: "A-01" });
  const asked = expectOk(await f.post("warehouse", { type: "count", sku: "T-STD", location: "WH-EAST", bin: "A-01", countedQty: 3, reason: "Cycle count" }));
  expect(asked.status).toBe(202);
  const id = (asked.body.approval as { id: string }).id;
  expectOk(await f.call("warehouse_2", "POST", `/api/v1/approvals/${id}/approve`, {}));
  const { recentCounts } = await import("../../lib/server/views/warehouse-counts.ts");
  const entry = (await recentCounts()).find((c) => c.id === id);
  expect(entry).toMatchObject({ sku: "T-STD", location: "WH-EAST", bin: "A-01", countedQty: 3, expected: 5, variance: -2, status: "approved" });
  expect(entry?.countedBy).not.toBe(entry?.decidedBy);
  expect(entry?.decidedBy).toEqual(expect.any(String));
});

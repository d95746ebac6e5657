// The overview's four answers on a real PostgreSQL: traceability with the
// incomplete SKUs and why, the last close reconciled against the views, and the
// manual adjustments of this month.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectOk, ledgerFixture, stock, type Call, type LedgerFixture } from "../helpers/ledger-fixture.ts";

let f: LedgerFixture;
let views: typeof import("../../lib/server/views/overview.ts");
const year = new Date().getUTCFullYear() - 1;
const march = `${year}-03`;

/** Posts, and approves as the second user of `approver` when the move waits for one. */
async function posted(call: Call, approver: "warehouse_2" | "finance_2") {
  expectOk(call);
  if (call.status === 202) {
    const id = (call.body.approval as { id: string }).id;
    expectOk(await f.call(approver, "POST", `/api/v1/approvals/${id}/approve`, {}, { "idempotency-key": `ok-${id}` }));
  }
}

beforeAll(async () => {
  f = await ledgerFixture();
  views = await import("../../lib/server/views/overview.ts");
  const occurredAt = new Date(Date.UTC(year, 2, 10, 10)).toISOString();
  const common = { sku: "T-FIFO", qty: 10, location: "WH-EAST", occurredAt };
  expectOk(await f.post("finance", { type: "po.confirm", ...common, reference: "PO-OV1", unitCost: "5.00", eta: occurredAt, fob: "destination", supplier: "Acme" }));
  expectOk(await f.post("warehouse", { type: "receive", ...common, reference: "PO-OV1" }));
  expectOk(await f.post("finance", { type: "period.close", period: march }));
  // This month: a count variance, a write-off and a reversal on the standard-cost SKU (6.50 a unit).
  await stock(f, "T-STD", 10);
  const at = { sku: "T-STD", location: "WH-EAST" };
  await posted(await f.post("warehouse", { type: "count", ...at, countedQty: 9 }), "warehouse_2");
  expectOk(await f.post("warehouse", { type: "damage", ...at, qty: 1, fromState: "AVAILABLE" }));
  await posted(await f.post("finance", { type: "writeoff", ...at, qty: 1 }), "finance_2");
  const hold = expectOk(await f.post("warehouse", { type: "hold", ...at, qty: 2 }));
  await posted(await f.post("warehouse", { type: "reverse", reverses: (hold.body.events as { seq: number }[])[0].seq, reason: "wrong bin" }), "warehouse_2");
});
afterAll(() => f?.drop());

describe("the overview", () => {
  it("reconciles the last closed month: stored valuation = recomputed = the stored journal", async () => {
    const { close } = await views.overview();
    expect(close).toMatchObject({
      period: march,
      stored: { owned: 10, value: "50.00" },
      recomputed: { owned: 10, value: "50.00", onHand: 10 },
      journalValue: "50.00",
      differingRows: 0,
      identities: { total: 3, failing: 0 },
      reconciled: true,
    });
  });

  it("finds every SKU traceable, then lists one whose journal line rests on no ledger row", async () => {
    const before = (await views.overview()).traceability;
    expect(before).toMatchObject({ total: 2, complete: 2, share: 100, incomplete: [], incompleteTotal: 0 });
    // A line written around the posting path (an import, a hand fix): the journal no longer links back to the ledger.
    await f.query(`INSERT INTO journal_line (seq, group_id, sku_id, location_id, account, debit, occurred_at)
      SELECT 999999, gen_random_uuid(), s.id, l.id, 'inventory', 1.00, now() FROM sku s, location l WHERE s.code = 'T-STD' AND l.code = 'WH-EAST'`);
    const after = (await views.overview()).traceability;
    expect(after).toMatchObject({ total: 2, complete: 1, share: 50, incompleteTotal: 1 });
    expect(after.incomplete).toEqual([{ sku: "T-STD", name: "Standard item", reasons: [{ check: "journal_linked", count: 1, firstSeq: 999999 }] }]);
    // The reconciliation sees it too: the journal no longer equals the pool, so the close no longer reconciles.
    expect((await views.overview()).close).toMatchObject({ identities: { failing: 1 }, reconciled: false });
  });

  it("counts this month's reversals, count variances and write-offs with their inventory value", async () => {
    const { adjustments } = await views.overview();
    const row = (kind: string) => adjustments.rows.find((r) => r.kind === kind)!;
    expect(row("count").current).toEqual({ count: 1, net: "-6.50", gross: "6.50" });
    expect(row("writeoff").current).toEqual({ count: 1, net: "-6.50", gross: "6.50" });
    expect(row("reverse").current).toEqual({ count: 1, net: "0.00", gross: "0.00" });
    expect(adjustments.rows.every((r) => r.previous.count === 0)).toBe(true);
  });
});

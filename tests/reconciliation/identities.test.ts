// The three identities of inventory-model §4 over random event sequences on a real
// PostgreSQL: every remainder is zero at every asOf and the buckets add up exactly
// to the difference; a corrupted balance or cost row shows as a remainder.
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectOk, ledgerFixture, stock, type LedgerFixture } from "../helpers/ledger-fixture.ts";
import { stepArbitrary, SKUS, type Post, type Steps } from "../helpers/event-arbitrary.ts";
import type { Identity } from "../../lib/domain/reconciliation/types.ts";

let f: LedgerFixture;
const now = new Date();
const reversible: Post[] = [];
let batch = 0;

beforeAll(async () => {
  f = await ledgerFixture();
  // Goods owned on the road that no random step receives (its PO is this test's own), so
  // the transit buckets are always reached, whatever the sequences happen to do.
  const road = { sku: "T-FIFO", qty: 4, location: "WH-EAST", reference: "PO-ON-THE-ROAD" };
  expectOk(await f.post("finance", { type: "po.confirm", ...road, unitCost: "3.00", eta: now.toISOString(), fob: "shipping_point", supplier: "Acme" }));
  expectOk(await f.post("finance", { type: "po.ship", ...road }));
  // Likewise units committed to an order line and units on hold, so the committed and
  // not-sellable buckets are reached even when no random sequence happens to keep any.
  const kept = { sku: "T-STD", location: "WH-EAST" };
  await stock(f, kept.sku, 6);
  expectOk(await f.post("sales", { type: "reserve", ...kept, qty: 2, channel: "web", orderLine: "SO-ALWAYS-COMMITTED" }));
  expectOk(await f.post("warehouse", { type: "hold", ...kept, qty: 1 }));
});
afterAll(() => f?.drop());

const cents = (v: number | string) => (typeof v === "number" ? v : Math.round(Number(v) * 100));

async function run(groups: Steps[]) {
  for (const step of groups.flat()) {
    batch += 1;
    if ("decide" in step) {
      const pending = await f.query<{ id: string }>("SELECT id::text FROM approval_request WHERE status = 'pending' ORDER BY requested_at, id");
      if (!pending.length) continue;
      const id = pending[step.decide % pending.length].id;
      const decision = await f.call("warehouse_2", "POST", `/api/v1/approvals/${id}/approve`);
      if (decision.status === 403) await f.call("finance_2", "POST", `/api/v1/approvals/${id}/approve`);
    } else if ("reverse" in step) {
      if (!reversible.length) continue;
      const target = reversible[step.reverse % reversible.length];
      await f.post(target.who, { ...target.body, ...(step.occurredAt ? { occurredAt: step.occurredAt } : {}) });
    } else {
      const body = Object.fromEntries(Object.entries(step.body).map(([k, v]) => [k, typeof v === "string" ? v.replace("{n}", String(batch)) : v]));
      const response = await f.post(step.who, body);
      const event = response.body.event as { seq: number; from: unknown } | undefined;
      if (response.status === 201 && event?.from) reversible.push({ who: step.who, body: { type: "reverse", reverses: event.seq, reason: "property" } });
    }
  }
}

/** left − right = Σ buckets + unexplained, exactly; returns the remainders. */
function check(identities: Identity[], context: string) {
  for (const i of identities) {
    const buckets = i.buckets.reduce((t, b) => t + cents(b.qty ?? b.value ?? 0), 0);
    expect(cents(i.left) - cents(i.right) - buckets, `${context} ${i.name} ${i.location} ${i.channel}`).toBe(cents(i.unexplained));
  }
  return identities.filter((i) => cents(i.unexplained) !== 0).map((i) => `${context} ${i.name} ${i.location ?? "company"} ${i.channel ?? ""}: ${i.unexplained}`);
}

it("every identity's remainder is zero at every asOf, and the buckets are exactly the difference", async () => {
  const { skuReconciliation } = await import("../../lib/server/views/reconciliation/sku.ts");
  const { reconciliationList } = await import("../../lib/server/views/reconciliation/list.ts");
  let checked = 0;
  const seen = new Set<string>();
  await fc.assert(
    fc.asyncProperty(fc.array(stepArbitrary(now), { minLength: 3, maxLength: 20 }), async (steps) => {
      await run(steps);
      const failures: string[] = [];
      for (const daysAgo of [0, 0.5, 3, 12, 25]) {
        const asOf = daysAgo ? new Date(Date.now() - daysAgo * 86_400_000) : undefined;
        for (const sku of SKUS) {
          const view = await skuReconciliation(sku, { asOf, periods: false });
          failures.push(...check(view.identities, `${sku} ${daysAgo}d`));
          checked += view.identities.length;
          for (const b of view.identities.flatMap((i) => i.buckets)) if (b.events.length) seen.add(b.bucket.split(":")[0]);
        }
        const list = await reconciliationList({ asOf });
        expect(list.failing, `list ${daysAgo}d ${JSON.stringify(list.rows)}`).toBe(0);
      }
      expect(failures).toEqual([]);
    }),
    { numRuns: 20 },
  );
  expect(checked).toBeGreaterThan(100);
  // The sequences reached the buckets, each with the events behind it.
  expect([...seen]).toEqual(expect.arrayContaining(["committed", "not-sellable"]));
  expect([...seen].some((b) => b.includes("transit") || b.includes("held")), [...seen].join()).toBe(true);
}, 600_000);

it("a corrupted balance, cost layer or pool shows as a non-zero remainder (the check can fail)", async () => {
  const { skuReconciliation } = await import("../../lib/server/views/reconciliation/sku.ts");
  const { reconciliationList } = await import("../../lib/server/views/reconciliation/list.ts");
  await stock(f, "T-FIFO", 5, { unitCost: "4.00" });
  await stock(f, "T-AVG", 5, { unitCost: "4.00" });
  const company = async (sku: string) => (await skuReconciliation(sku, { periods: false })).identities.filter((i) => i.location === null);
  const remainders = async (sku: string) => (await company(sku)).map((i) => [i.name, i.unexplained]);
  expect((await remainders("T-FIFO")).every(([, u]) => cents(u) === 0)).toBe(true);

  await f.query("UPDATE balance SET qty = qty + 1 WHERE state = 'AVAILABLE' AND qty > 0 AND sku_id = (SELECT id FROM sku WHERE code = 'T-FIFO') AND ctid = (SELECT ctid FROM balance WHERE state = 'AVAILABLE' AND qty > 0 AND sku_id = (SELECT id FROM sku WHERE code = 'T-FIFO') LIMIT 1)");
  const broken = await company("T-FIFO");
  expect(broken.find((i) => i.name === "on-hand-vs-atp")!.unexplained).toBe(-1);
  expect(broken.find((i) => i.name === "owned-vs-on-hand")!.unexplained).toBe(1);

  await f.query("UPDATE cost_layer SET value_left = value_left + 0.01 WHERE ctid = (SELECT ctid FROM cost_layer WHERE qty_left > 0 AND sku_id = (SELECT id FROM sku WHERE code = 'T-FIFO') LIMIT 1)");
  expect((await company("T-FIFO")).find((i) => i.name === "journal-vs-layers")!.unexplained).toBe("-0.01");

  await f.query("UPDATE cost_pool SET value = value - 1 WHERE sku_id = (SELECT id FROM sku WHERE code = 'T-AVG')");
  expect((await company("T-AVG")).find((i) => i.name === "journal-vs-layers")!.unexplained).toBe("1.00");
  // …also as of a past moment: the pool is rolled back from what is stored.
  const earlier = await skuReconciliation("T-AVG", { asOf: new Date(Date.now() - 1000), periods: false });
  expect(earlier.identities.find((i) => i.name === "journal-vs-layers")!.unexplained).toBe("1.00");

  const list = await reconciliationList();
  expect(list.failing).toBe(2);
  expect(list.rows.slice(0, 2).map((r) => r.sku).sort()).toEqual(["T-AVG", "T-FIFO"]);
}, 120_000);

// The demo's 90 days of history (every event type, both FOB terms, returns, damage,
// transfers, counts) read back through the finance views at several moments: each
// figure must equal its formula over the journal and the other views, to the cent.
import { expect, it } from "vitest";
import { seededDemo } from "../helpers/seeded-demo.ts";

const demo = seededDemo();

// Amounts here stay far below 2^53 cents, so a Number of cents is exact.
const cents = (s: string) => Math.round(Number(s) * 100);

it("every SKU's value, layers, locations and buckets agree with the journal, now and as of earlier days", async () => {
  const v = await import("../../lib/server/views/finance.ts");
  const skus = await demo.db.prisma.$queryRawUnsafe<{ code: string; qty: number | null; value: string | null }[]>(
    "SELECT s.code, cp.qty, cp.value::text AS value FROM sku s LEFT JOIN cost_pool cp ON cp.sku_id = s.id ORDER BY s.code");
  for (const days of [0, 1, 7, 30, 60, 89]) {
    const asOf = days ? new Date(Date.now() - days * 86400000) : undefined;
    for (const s of skus) {
      const view = await v.financeSku(s.code, { asOf });
      const tb = await v.trialBalance({ sku: s.code, to: asOf ? new Date(asOf.getTime() + 1) : undefined });
      const bal = (a: string) => cents(tb.rows.find((r) => r.account === a)!.balance);
      const ctx = `${s.code} ${days}d`;
      expect(cents(view.value), ctx).toBe(bal("inventory") + bal("inventory_in_transit"));
      expect(cents(view.pool.value), ctx).toBe(bal("inventory"));
      expect(view.layers.reduce((t, l) => t + cents(l.value), 0), ctx).toBe(bal("inventory"));
      expect(view.layers.reduce((t, l) => t + l.qty, 0), ctx).toBe(view.pool.qty);
      expect(view.locations.reduce((t, l) => t + cents(l.value), 0), ctx).toBe(cents(view.value));
      expect(view.locations.reduce((t, l) => t + l.owned, 0), ctx).toBe(view.owned);
      expect(cents(view.inTransitOwned.inbound.value) + cents(view.inTransitOwned.outbound.value), ctx).toBe(bal("inventory_in_transit"));
      expect(cents(view.grni.value) + bal("grni"), ctx).toBe(0);
      if (!days) expect([view.pool.qty, cents(view.pool.value)], ctx).toEqual([s.qty ?? 0, cents(s.value ?? "0")]);
      expect(Object.values(view.ownedByState).every((q) => (q ?? 0) > 0), ctx).toBe(true);
      expect(tb.balanced, ctx).toBe(true);
    }
    const rows = await v.valuationRows(asOf ?? new Date());
    const all = await v.trialBalance({ to: asOf ? new Date(asOf.getTime() + 1) : undefined });
    const inventory = all.rows.filter((r) => r.account === "inventory" || r.account === "inventory_in_transit");
    expect(rows.reduce((t, r) => t + cents(r.value), 0), `${days}d`).toBe(inventory.reduce((t, r) => t + cents(r.balance), 0));
  }
}, 600_000);

// The demo's 90 days of history (prisma/seed.ts): every SKU's identities have a
// zero remainder now, as of earlier days and at every closed month's end, and the
// stored period valuation equals the reconciliation at that instant.
import { expect, it } from "vitest";
import { seededDemo } from "../helpers/seeded-demo.ts";

const demo = seededDemo();

it("on the demo data every remainder is zero, now, earlier and at every closed period end", async () => {
  const { skuReconciliation } = await import("../../lib/server/views/reconciliation/sku.ts");
  const { reconciliationList } = await import("../../lib/server/views/reconciliation/list.ts");
  const skus = await demo.db.prisma.$queryRawUnsafe<{ code: string }[]>("SELECT code FROM sku ORDER BY code");
  const failures: string[] = [];
  let periods = 0;
  for (const days of [0, 1, 7, 30, 60]) {
    const asOf = days ? new Date(Date.now() - days * 86_400_000) : undefined;
    const list = await reconciliationList({ asOf });
    expect(list.failing, `list ${days}d`).toBe(0);
    for (const { code } of skus) {
      const view = await skuReconciliation(code, { asOf, periods: days === 0 });
      for (const i of view.identities) if (String(i.unexplained).replace(/^-?0(\.00)?$/, "") !== "") failures.push(`${code} ${days}d ${i.name} ${i.location} ${i.channel}: ${i.unexplained}`);
      for (const p of view.periods) {
        periods += 1;
        expect(p.asOf, `${code} ${p.period}`).toEqual(p.stored);
        for (const u of p.unexplained) if (String(u.unexplained).replace(/^-?0(\.00)?$/, "") !== "") failures.push(`${code} ${p.period} ${u.name}: ${u.unexplained}`);
      }
    }
  }
  expect(failures).toEqual([]);
  expect(periods).toBeGreaterThan(0);
}, 600_000);

it("a set of SKUs read together gets, SKU by SKU, exactly what each gets read alone", async () => {
  const { skuReconciliation, reconcileSkus } = await import("../../lib/server/views/reconciliation/sku.ts");
  const codes = (await demo.db.prisma.$queryRawUnsafe<{ code: string }[]>("SELECT code FROM sku ORDER BY code")).map((row) => row.code);
  expect(codes.length).toBeGreaterThan(10);
  // Now, and moments read back from the balances (recent) and forward from the first day (long ago).
  for (const days of [0, 1, 45, 150]) {
    const asOf = days ? new Date(Date.now() - days * 86_400_000) : undefined;
    const together = await reconcileSkus(codes, { asOf });
    expect([...together.keys()].sort()).toEqual(codes);
    let buckets = 0;
    for (const code of codes) {
      const { sku: _sku, past: _past, periods: _periods, ...alone } = await skuReconciliation(code, { asOf, periods: false });
      const read = together.get(code)!;
      // Now is a moment later for the second read: the figures must agree, the instant cannot.
      if (days === 0) expect({ ...read, asOf: alone.asOf }, code).toEqual(alone);
      else expect(read, code).toEqual(alone);
      buckets += read.identities.reduce((n, identity) => n + identity.buckets.length, 0);
    }
    expect(buckets, `${days}d`).toBeGreaterThan(0);
  }
  await expect(reconcileSkus([codes[0], "NOPE"])).rejects.toMatchObject({ code: "unknown_sku" });
}, 600_000);

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

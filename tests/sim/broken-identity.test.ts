// The simulation's month-end check is not a formality: a balance written behind the
// ledger's back (here, right after a month closes) shows as an unexplained
// remainder in that month's check, names the SKU and fails the run.
import { describe, expect, it } from "vitest";
import { simulate } from "../../scripts/lib/simulate/run.ts";
import { formatSummary } from "../../scripts/lib/simulate/summary.ts";
import { simFixture } from "./fixture.ts";

const sim = simFixture(6, 5);

describe("simulate: a broken identity", () => {
  it("reports the remainder and fails", async () => {
    const { server, skus, db } = sim.current;
    let corrupted: string | null = null;
    const result = await simulate(server, skus, { skus: skus.length, events: 500, seed: 5, months: 2, concurrency: 4 }, {
      afterClose: async (period) => {
        if (corrupted) return;
        const [row] = await db.prisma.$queryRawUnsafe<{ code: string }[]>(`
          UPDATE balance b SET qty = b.qty + 1 FROM sku s
           WHERE s.id = b.sku_id AND b.ctid = (SELECT ctid FROM balance WHERE state = 'AVAILABLE' AND qty > 0 ORDER BY sku_id LIMIT 1)
          RETURNING s.code`);
        corrupted = row?.code ?? null;
        expect(corrupted, `a balance to corrupt after ${period}`).not.toBeNull();
      },
    });
    const summary = formatSummary(result, "test");
    const [first, second] = result.months;
    expect(first.close.error).toBeNull();
    expect(first.check?.units, summary).toBeGreaterThan(0);
    expect(first.check?.examples).toContain(corrupted);
    expect(first.check?.listFailing).toBeGreaterThan(0);
    // The next month inherits the extra unit: still unexplained.
    expect(second.check?.examples).toContain(corrupted);
    expect(result.ok).toBe(false);
    expect(summary).toContain("FAILED");
    expect(summary).toMatch(/FAIL\n/);
  }, 240_000);
});

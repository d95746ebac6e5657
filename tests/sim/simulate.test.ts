// npm run simulate, small: 20 SKUs, a few thousand events over three months. Every
// month closes, every identity of every SKU is zero at every month end, the close's
// stored figures read back the same, and the ledger replays to what was stored.
import { describe, expect, it } from "vitest";
import { EVENT_TYPES } from "@/lib/domain/event-types";
import { simulate } from "../../scripts/lib/simulate/run.ts";
import { formatSummary } from "../../scripts/lib/simulate/summary.ts";
import { simFixture } from "./fixture.ts";

const sim = simFixture(20, 11);

describe("simulate: a small chaotic year", () => {
  it("posts every event type and closes each month with nothing unexplained", async () => {
    const { server, skus } = sim.current;
    const options = { skus: skus.length, events: 3_000, seed: 11, months: 3, concurrency: 8 };
    const result = await simulate(server, skus, options);
    const summary = formatSummary(result, "test");

    expect(result.months.map((m) => m.close.error), summary).toEqual([null, null, null]);
    for (const month of result.months) {
      expect(month.check, `${month.period}\n${summary}`).toMatchObject({ skus: 20, units: 0, cents: 0n, drift: 0, listFailing: 0, examples: [] });
      expect(month.close.ms).toBeLessThan(5_000);
    }
    expect(result.ok).toBe(true);
    expect(summary).toContain("Every month closed with every identity at 0 units and 0.00 unexplained.");

    // Near the target, with approvals both ways and refusals counted rather than thrown.
    expect(result.poster.posted).toBeGreaterThan(options.events * 0.75);
    expect(result.poster.posted).toBeLessThan(options.events * 1.25);
    expect(result.poster.approvals.approved).toBeGreaterThan(0);
    expect(result.poster.approvals.rejected).toBeGreaterThan(0);
    expect(result.poster.refused).toBeGreaterThan(0);
    const posted = new Set([...result.poster.byType.keys()].filter((type) => !type.startsWith("(") && !type.endsWith("(request)")).map((type) => type.replace(" (approved)", "")));
    expect([...EVENT_TYPES, "reverse"].filter((type) => !posted.has(type))).toEqual([]);

    // What the service stored equals the ledger replayed: balances, per-day movements and every valuation table.
    const { verifyProjection } = await import("@/lib/server/ledger/replay");
    const { verifyValuation } = await import("@/lib/server/ledger/verify-valuation");
    expect(await verifyProjection(server.db)).toEqual([]);
    expect(await verifyValuation(server.db)).toEqual([]);
  }, 300_000);
});

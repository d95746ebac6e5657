// The month-end check: every reconciliation identity of every SKU as of the
// month's last instant, read a chunk of SKUs at a time through the inputs and the
// arithmetic the reconciliation screen and GET /api/v1/skus/{sku}/reconciliation
// use, and the company list the overview reads. Any remainder is a unit or a cent the model cannot explain. Beside it,
// what the close stored (owned units and value per SKU) against the same figures
// read again: a closed month must not change.
import { AMOUNT_SCALE, toMinor } from "../../../lib/domain/money.ts";
import { periodEnd } from "../../../lib/domain/periods.ts";
import { eachLimited } from "./pool.ts";
import type { Server } from "./server.ts";

export type MonthCheck = {
  skus: number;
  /** Σ |unexplained| over every identity line (per location, per channel, company), in units. */
  units: number;
  /** Σ |unexplained| of the value identity, in cents. */
  cents: bigint;
  /** SKUs whose stored close figures differ from the same figures read again. */
  drift: number;
  /** SKUs the company reconciliation list counts as failing. */
  listFailing: number;
  /** The first few SKUs with a remainder, to look at. */
  examples: string[];
  ms: number;
};

/** SKUs read together: one set of statements covers them all. */
const CHUNK = 50;

export async function checkMonth(server: Server, period: string, codes: readonly string[], concurrency: number): Promise<MonthCheck> {
  const began = performance.now();
  const asOf = new Date(periodEnd(period).getTime() - 1);
  const { db, sql } = server;
  const storedRows = await db.query<{ code: string; owned: number; value: string }>(sql`
    SELECT s.code, sum(v.owned)::int AS owned, sum(v.value)::numeric(20, 2)::text AS value
      FROM period_valuation v JOIN sku s ON s.id = v.sku_id WHERE v.period = ${period} GROUP BY s.code`);
  const stored = new Map(storedRows.map((row) => [row.code, row]));
  const check: MonthCheck = { skus: 0, units: 0, cents: 0n, drift: 0, listFailing: 0, examples: [], ms: 0 };
  const chunks = Array.from({ length: Math.ceil(codes.length / CHUNK) }, (_, i) => codes.slice(i * CHUNK, (i + 1) * CHUNK));
  await eachLimited(chunks, concurrency, async (chunk) => {
    const views = await server.reconcileSkus(chunk, { asOf });
    for (const code of chunk) {
      const view = views.get(code)!;
      let off = false;
      for (const identity of view.identities) {
        if (identity.unit === "units") {
          const units = Math.abs(Number(identity.unexplained));
          check.units += units;
          off ||= units !== 0;
        } else {
          const cents = toMinor(String(identity.unexplained), AMOUNT_SCALE);
          check.cents += cents < 0n ? -cents : cents;
          off ||= cents !== 0n;
        }
      }
      const company = (name: string) => view.identities.find((identity) => identity.name === name && identity.location === null);
      const owned = Number(company("owned-vs-on-hand")?.left ?? 0);
      const value = toMinor(String(company("journal-vs-layers")?.left ?? "0"), AMOUNT_SCALE);
      const kept = stored.get(code);
      if ((kept?.owned ?? 0) !== owned || toMinor(kept?.value ?? "0", AMOUNT_SCALE) !== value) {
        check.drift += 1;
        off = true;
      }
      check.skus += 1;
      if (off && check.examples.length < 5) check.examples.push(code);
    }
  });
  check.listFailing = (await server.reconciliationList({ asOf })).failing;
  check.ms = performance.now() - began;
  return check;
}

export const isClean = (check: MonthCheck) => check.units === 0 && check.cents === 0n && check.drift === 0 && check.listFailing === 0;

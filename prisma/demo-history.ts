// Ninety days of a believable business for the demo: master data (per-SKU policies
// and channel fences) set directly, then every unit movement posted through the
// ledger's own `postEvent` / `approve` / `reject`, dated in the past, one
// transaction per business day. Deterministic for a given `now` (seeded PRNG).
import pg from "pg";
import { Business } from "./demo-history/business.ts";
import { Ledger, inTransaction, loadLedgerModules } from "./demo-history/ledger.ts";

export type HistoryOptions = {
  /** The end of the history; events are dated before it. Defaults to the real now; never later than that (approvals post at the real now). */
  now?: Date;
  days?: number;
  seed?: number;
};

export type HistorySummary = {
  calls: number;
  ledgerRows: number;
  byType: Record<string, number>;
  approvals: { pending: number; approved: number; rejected: number; pendingByType: Record<string, number> };
  skipped: number;
  ms: number;
};

/** Expects a database with the demo catalogue (users, locations, channels, SKUs) and an empty ledger. */
export async function seedHistory(url: string, log: (line: string) => void = console.log, options: HistoryOptions = {}): Promise<HistorySummary> {
  const began = performance.now();
  const now = options.now ?? new Date();
  const modules = await loadLedgerModules();
  const ledger = new Ledger(modules, now);
  const business = new Business(ledger, { days: options.days ?? 90, seed: options.seed ?? 20_261_127 });

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const db = modules.clientDb(client, url);
    await inTransaction(client, db, () => writeMasterData(client, business));
    business.schedule();
    await business.run((work) => inTransaction(client, db, work));
  } finally {
    await client.end();
  }

  const byType = Object.fromEntries([...ledger.posted.entries()].sort(([a], [b]) => a.localeCompare(b)));
  const calls = Object.values(byType).reduce((sum, n) => sum + n, 0);
  const count = (map: Map<string, number>) => [...map.values()].reduce((sum, n) => sum + n, 0);
  const pendingByType: Record<string, number> = {};
  for (const request of ledger.pending.values()) pendingByType[request.type] = (pendingByType[request.type] ?? 0) + 1;
  const summary: HistorySummary = {
    calls,
    ledgerRows: ledger.rowsWritten,
    byType,
    approvals: { pending: ledger.pending.size, approved: count(ledger.approvals.approved), rejected: count(ledger.approvals.rejected), pendingByType },
    skipped: ledger.skipped.length,
    ms: Math.round(performance.now() - began),
  };

  for (const skip of ledger.skipped) log(`history: skipped ${skip.type} ${skip.sku}: ${skip.message}`);
  for (const warning of business.report.warnings) log(`history: warning: ${warning}`);
  log(
    `seeded ${options.days ?? 90} days of history: ${calls} events (${summary.ledgerRows} ledger rows), ` +
      `${business.report.purchaseOrders} POs, ${business.report.orders} orders, ${business.report.transfers} transfers, ` +
      `${business.report.invoices} invoice lines matched, periods closed: ${business.report.closedPeriods.join(", ") || "none"}; ` +
      `approvals ${summary.approvals.pending} pending / ${summary.approvals.approved} approved / ${summary.approvals.rejected} rejected; ` +
      `${summary.skipped} skipped; ${(summary.ms / 1000).toFixed(1)} s`,
  );
  return summary;
}

/** Per SKU × location policies and the channel fences: master data, not events. */
async function writeMasterData(client: pg.Client, business: Business) {
  const policies = await client.query(
    `INSERT INTO sku_policy (sku_id, location_id, safety_stock, inspection_lead_days, write_off_value, count_variance_units)
     SELECT s.id, l.id, p.safety_stock, p.inspection_lead_days, p.write_off_value::numeric, p.count_variance_units
     FROM jsonb_to_recordset($1::jsonb) AS p(sku text, location text, safety_stock int, inspection_lead_days int, write_off_value text, count_variance_units int)
     JOIN sku s ON s.code = p.sku JOIN location l ON l.code = p.location`,
    [JSON.stringify(business.policies.map((row) => ({
      sku: row.sku, location: row.location, safety_stock: row.safetyStock, inspection_lead_days: row.inspectionLeadDays,
      write_off_value: row.writeOffValue, count_variance_units: row.countVarianceUnits,
    })))],
  );
  const fences = await client.query(
    `INSERT INTO channel_allocation (sku_id, location_id, channel_id, qty)
     SELECT s.id, l.id, c.id, f.qty
     FROM jsonb_to_recordset($1::jsonb) AS f(sku text, location text, channel text, qty int)
     JOIN sku s ON s.code = f.sku JOIN location l ON l.code = f.location JOIN channel c ON c.code = f.channel`,
    [JSON.stringify(business.fences)],
  );
  if (policies.rowCount !== business.policies.length || fences.rowCount !== business.fences.length) {
    throw new Error("demo history: the catalogue lacks some SKUs, locations or channels the history needs");
  }
}

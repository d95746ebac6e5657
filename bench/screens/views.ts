// The SQL side of the screens, without Next: each view function behind a screen
// called in-process against the bench database, one after another, `rounds`
// times, so a slow screen can be told apart from a slow render. Run by
// `npm run bench:screens -- --views`.
import { quantile } from "./drive.ts";

type Timed = { name: string; run: (sku: string) => Promise<unknown> };

export async function timeViews(skus: string[], rounds: number, only?: RegExp): Promise<string> {
  const [
    { salesList, salesSku }, { demandView }, { warehouseHome }, { queueCounts, queueItems }, { stockGrid }, { skuWarehouse },
    { transfersInFlight }, { recentCounts, countDue }, { rebalanceSuggestions }, { approvalBoard }, { valuationPage }, { financeSku },
    { grniAging }, { journalLines }, { trialBalance }, { closedPeriods, closedPeriod }, { reconciliationList }, { skuReconciliation },
    { overview }, { skuTrace }, { QUEUES }, { closePool },
  ] = await Promise.all([
    import("../../lib/server/views/sales.ts"), import("../../lib/server/views/demand.ts"), import("../../lib/server/views/warehouse-home.ts"),
    import("../../lib/server/views/warehouse-queues.ts"), import("../../lib/server/views/warehouse-stock.ts"), import("../../lib/server/views/warehouse-sku.ts"),
    import("../../lib/server/views/warehouse-transfers.ts"), import("../../lib/server/views/warehouse-counts.ts"), import("../../lib/server/views/warehouse-rebalance.ts"),
    import("../../lib/server/views/approvals.ts"), import("../../lib/server/views/finance/valuation.ts"), import("../../lib/server/views/finance/sku.ts"),
    import("../../lib/server/views/finance/grni.ts"), import("../../lib/server/views/finance/journal.ts"), import("../../lib/server/views/finance/trial-balance.ts"),
    import("../../lib/server/views/finance/periods.ts"), import("../../lib/server/views/reconciliation/list.ts"), import("../../lib/server/views/reconciliation/sku.ts"),
    import("../../lib/server/views/overview.ts"), import("../../lib/server/views/trace.ts"), import("../../lib/domain/warehouse/queues.ts"), import("../../lib/server/sql.ts"),
  ]);
  const monthAgo = new Date(Date.now() - 30 * 86_400_000);
  const periods = await closedPeriods();
  const all: Timed[] = [
    { name: "salesList", run: () => salesList({ channel: "web" }) },
    { name: "salesList page 40", run: () => salesList({ channel: "web", page: 40 }) },
    { name: "salesSku", run: (sku) => salesSku(sku, { channel: "web" }) },
    { name: "demandView", run: (sku) => demandView(sku, { channel: "web" }) },
    { name: "warehouseHome", run: () => warehouseHome() },
    { name: "queueCounts", run: () => queueCounts() },
    ...QUEUES.map((queue): Timed => ({ name: `queueItems ${queue.key}`, run: () => queueItems(queue) })),
    { name: "stockGrid", run: () => stockGrid({ page: 1 }) },
    { name: "stockGrid page 40", run: () => stockGrid({ page: 40 }) },
    { name: "stockGrid as of", run: () => stockGrid({ page: 1, asOf: monthAgo }) },
    { name: "skuWarehouse", run: (sku) => skuWarehouse(sku, null) },
    { name: "transfersInFlight", run: () => transfersInFlight() },
    { name: "recentCounts", run: () => recentCounts() },
    { name: "countDue", run: () => countDue({ days: 30, by: "value" }) },
    { name: "rebalanceSuggestions", run: () => rebalanceSuggestions() },
    { name: "approvalBoard", run: () => approvalBoard() },
    { name: "valuationPage", run: () => valuationPage({ page: 1 }) },
    { name: "valuationPage by value", run: () => valuationPage({ page: 1, sort: "value", dir: "desc" }) },
    { name: "valuationPage as of", run: () => valuationPage({ page: 1, asOf: monthAgo }) },
    { name: "financeSku", run: (sku) => financeSku(sku) },
    { name: "grniAging", run: () => grniAging() },
    { name: "journalLines", run: () => journalLines({ page: 1 }) },
    { name: "journalLines page 100", run: () => journalLines({ page: 100 }) },
    { name: "journalLines sku", run: (sku) => journalLines({ sku, page: 1 }) },
    { name: "trialBalance", run: () => trialBalance({}) },
    { name: "trialBalance sku", run: (sku) => trialBalance({ sku }) },
    { name: "closedPeriods", run: () => closedPeriods() },
    ...(periods[0] ? [{ name: "closedPeriod", run: () => closedPeriod(periods[0].period) }] : []),
    { name: "reconciliationList", run: () => reconciliationList({}) },
    { name: "skuReconciliation", run: (sku) => skuReconciliation(sku) },
    { name: "overview", run: () => overview() },
    { name: "skuTrace", run: (sku) => skuTrace(sku) },
  ];
  const views = all.filter((view) => !only || only.test(view.name));
  const samples = new Map(views.map((view) => [view.name, [] as number[]]));
  for (let round = 0; round < rounds; round++) {
    for (const view of views) {
      const sku = skus[(round * 7919 + view.name.length) % skus.length];
      const started = performance.now();
      await view.run(sku);
      samples.get(view.name)!.push(performance.now() - started);
    }
  }
  await closePool();
  const width = Math.max(...views.map((view) => view.name.length));
  // The first call computes what later ones may find kept (lib/server/views/memo.ts): it is shown on its own.
  const lines = [`${"view".padEnd(width)}  first    p50    max   (ms, ${rounds} calls one at a time; p50 and max of the calls after the first)`];
  for (const view of views) {
    const [first, ...rest] = samples.get(view.name)!;
    const sorted = rest.sort((a, b) => a - b);
    const ms = (value: number | undefined) => (value === undefined ? "–" : value.toFixed(0)).padStart(5);
    lines.push(`${view.name.padEnd(width)}  ${ms(first)}  ${ms(sorted.length ? quantile(sorted, 0.5) : undefined)}  ${ms(sorted.at(-1))}`);
  }
  return lines.join("\n");
}

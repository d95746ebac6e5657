// npm run simulate — a chaotic year of business posted through the domain service,
// with a month-end close and a full reconciliation at the end of every month. See
// scripts/lib/simulate/ and `npm run simulate -- --help`.
import os from "node:os";
import { benchDatabase } from "../bench/fixture.ts";
import { onShutdown } from "./lib/processes.ts";
import { planSkus, seedCatalogue } from "./lib/simulate/catalogue.ts";
import { USAGE, parseOptions } from "./lib/simulate/options.ts";
import { progressReporter } from "./lib/simulate/progress.ts";
import { simulate, type SimResult } from "./lib/simulate/run.ts";
import { loadServer } from "./lib/simulate/server.ts";
import { formatSummary } from "./lib/simulate/summary.ts";

let options;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  console.error(`${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}

const say = (line: string) => console.error(`[simulate] ${line}`);
const db = await benchDatabase();
let live: SimResult | null = null;
const context = (load: number) =>
  `${os.cpus()[0]?.model.trim() ?? "CPU"} × ${os.cpus().length}, Node ${process.version}, load average ${load.toFixed(2)} at start and ${os.loadavg()[0].toFixed(2)} at the end`;
const startLoad = os.loadavg()[0];
// Interrupted, it still prints what it has done so far.
onShutdown(async () => {
  if (live) console.log(`\n${formatSummary(live, `${context(startLoad)}; INTERRUPTED`)}`);
  await db.stop();
  process.exit(130);
});
process.env.DATABASE_URL = db.url;
process.env.NEXTAUTH_SECRET ??= "simulate-secret-simulate-secret-simulate";
let code = 1;
try {
  const skus = planSkus(options.skus, options.seed);
  await seedCatalogue(db.url, skus);
  say(`catalogue: ${skus.length} SKUs, 3 locations, 3 channels; posting ${options.months} months through the domain service`);
  const server = await loadServer();
  const progress = progressReporter();
  const result = await simulate(server, skus, options, { progress: progress.update, started: (growing) => (live = growing) });
  progress.done();
  console.log(formatSummary(result, context(startLoad)));
  code = result.ok ? 0 : 1;
  await server.closePool();
} catch (error) {
  console.error(error);
} finally {
  await db.stop();
}
process.exit(code);

// `npm run rebuild`: recomputes every projection from the ledger alone, compares it
// with the live tables, reports what differs and, with --swap, repairs it.
// Exit code 0: identical (or repaired), 1: differences left in place, 2: error.
import { appDatabase } from "./lib/target-db.ts";

// Rebuilding a million events takes statements of many seconds: no per-statement limit here.
process.env.DATABASE_QUERY_TIMEOUT_MS ??= "0";

const HELP = `npm run rebuild [-- --swap [--verify]] [-- --samples N]

Recomputes balances, per-day movements and the valuation (cost pool, FIFO layers
and their moves, holdings, invoice matches, journal lines and per-day journal sums)
from ledger_event alone, in one snapshot, into scratch tables; compares each with
its live table and prints what differs. Nothing live changes unless --swap is given.

  --swap       replace the rows that differ, holding the period lock so posting
               waits; live and rebuilt must then compare equal or nothing changes.
               A difference in journal_line (append-only) is reported, never swapped.
  --verify     with --swap: also run the ledger's verifiers (verifyProjection,
               verifyValuation) before committing. Posting waits for them:
               minutes on a million events.
  --samples N  differences listed per table (default 5)
  --help       this text

Database: DATABASE_URL when set, else the demo's embedded PostgreSQL (.concord/).
Exit code: 0 identical (or repaired by --swap), 1 differences found, 2 error.`;

const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  console.log(HELP);
  process.exit(0);
}
const known = new Set(["--swap", "--verify", "--samples"]);
const unknown = args.filter((arg, i) => arg.startsWith("-") && !known.has(arg) && args[i - 1] !== "--samples");
const samplesAt = args.indexOf("--samples");
const samples = samplesAt >= 0 ? Number(args[samplesAt + 1]) : 5;
if (unknown.length || !Number.isInteger(samples) || samples < 0) {
  console.error(`rebuild: ${unknown.length ? `unknown option ${unknown.join(" ")}` : "--samples takes a whole number"}\n\n${HELP}`);
  process.exit(2);
}
const swap = args.includes("--swap");
const verify = args.includes("--verify");

const say = (line: string) => console.log(`[rebuild] ${line}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const started = Date.now();
let code = 2;
const db = await appDatabase(say).catch((error: unknown) => {
  console.error(`[rebuild] no database: ${error instanceof Error ? error.message : String(error)}. Set DATABASE_URL, or start the demo once (npm run demo) to create its database.`);
  process.exit(2);
});
process.env.DATABASE_URL = db.url;
// The environment schema asks for a session secret; the rebuild signs nothing.
process.env.NEXTAUTH_SECRET ??= "rebuild-signs-no-sessions-rebuild-signs-no-sessions";
try {
  const { rebuildProjections } = await import("../lib/server/ledger/rebuild/index.ts");
  say(`${swap ? "rebuild and swap" : "rebuild (compare only)"} on ${new URL(db.url).host}${new URL(db.url).pathname}`);
  let shown = 0;
  const report = await rebuildProjections({
    swap,
    verify,
    samples,
    onEvents: (events) => {
      if (events - shown >= 200_000) {
        shown = events;
        say(`  valuation: ${events.toLocaleString("en-US")} events folded (${seconds(Date.now() - started)})`);
      }
    },
    onPhase: (phase) => say(`${phase.name.padEnd(10)} ${seconds(phase.ms).padStart(8)}${phase.detail ? `  ${phase.detail}` : ""}`),
  });
  console.log("");
  console.log(`table            live rows   rebuilt rows   compared   differing`);
  for (const table of report.tables) {
    console.log(`${table.table.padEnd(15)}${String(table.live).padStart(11)}${String(table.rebuilt).padStart(15)}${String(table.compared).padStart(11)}${String(table.differing).padStart(12)}`);
  }
  const samplesShown = report.tables.flatMap((table) => table.samples);
  if (samplesShown.length) {
    console.log("");
    console.log("first differences (live: the stored projection; rebuilt: from the ledger alone):");
    for (const line of samplesShown) console.log(`  ${line}`);
  }
  console.log("");
  const total = seconds(Date.now() - started);
  if (!report.differing) {
    say(`identical: every projection equals the ledger replayed (${report.events.toLocaleString("en-US")} events, ${total})`);
    code = 0;
  } else if (report.swapped) {
    say(`${report.differing} differing rows replaced; live and rebuilt now compare equal${verify ? " and the verifiers pass" : ""} (${total})`);
    code = 0;
  } else {
    say(report.refused ? `not swapped: ${report.refused}` : `${report.differing} rows differ; nothing changed. Run with --swap to replace them (${total})`);
    code = 1;
  }
} catch (error) {
  console.error(`[rebuild] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  code = 2;
} finally {
  const { closePool } = await import("../lib/server/sql.ts");
  await closePool().catch(() => {});
  await db.stop();
}
process.exit(code);

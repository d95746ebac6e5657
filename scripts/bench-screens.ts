// npm run bench:screens — every screen's server time at 100× the demo: 4,000 SKUs
// and about 240,000 events (seeded once through the ledger's service and kept in
// .bench/), the production build on 127.0.0.1, one signed-in session per role, and
// `--users` users opening their role's screens at once for `--seconds`. Prints
// requests, p50, p95 and max per screen, marking any p95 at or over 200 ms.
//
//   --seconds N   how long the load runs (default 180: enough requests per screen for a p95)
//   --users N     concurrent signed-in users, spread over the roles (default 20)
//   --think MS    a user's mean pause between screens, reading (default 1000; 0 = none);
//                 users arrive spread over the first 1.5 pauses
//   --skus N      SKUs in the catalogue, the demo's 40 included (default 4000)
//   --only RE     only the screens whose name matches RE
//   --reseed      seed the database again even if a complete one is cached
//   --seed-only   seed (or check) the database and stop
//   --views       instead of the HTTP load, time the view functions behind the screens in-process (SQL side only)
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { screensDatabase } from "../bench/screens/database.ts";
import { throughSocket } from "./lib/embedded-db.ts";
import { drive, slowest, table, warm } from "../bench/screens/drive.ts";
import { signIn } from "../bench/screens/session.ts";
import type { Data } from "../bench/screens/screens.ts";
import { ensureBuild, startApp, type AppServer } from "../bench/app-server.ts";
import { DEMO_USERS } from "../prisma/demo-users.ts";
import type { Role } from "../lib/domain/roles.ts";
import { onShutdown, stopChildren } from "./lib/processes.ts";

const BUDGET_MS = 200;
const SLOWEST = 15;
const DEMO_SKUS = 40;
const say = (line: string) => console.log(`[bench:screens] ${line}`);

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "180" },
    users: { type: "string", default: "20" },
    think: { type: "string", default: "1000" },
    skus: { type: "string", default: "4000" },
    only: { type: "string" },
    reseed: { type: "boolean", default: false },
    "seed-only": { type: "boolean", default: false },
    views: { type: "boolean", default: false },
  },
});
const whole = (name: string, value: string, min: number) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number of at least ${min}`);
  return n;
};
const seconds = whole("seconds", args.seconds, 1);
const users = whole("users", args.users, 1);
const skus = whole("skus", args.skus, DEMO_SKUS);
const thinkMs = whole("think", args.think, 0);
const only = args.only ? new RegExp(args.only, "i") : undefined;

process.env.NEXTAUTH_SECRET ??= "bench-secret-bench-secret-bench-secret";
const started = Date.now();
const db = await screensDatabase({ extraSkus: skus - DEMO_SKUS, reseed: args.reseed, log: say });
let app: AppServer | null = null;
onShutdown(async () => {
  await stopChildren("SIGTERM");
  await db.stop();
  process.exit(130);
});
try {
  const data = await readData(db.url, db.skus);
  say(`database ready in ${((Date.now() - started) / 1000).toFixed(0)} s: ${data.events.toLocaleString("en")} events, ${db.skus.length.toLocaleString("en")} SKUs, closed periods ${data.periods.join(", ") || "none"}`);
  if (args.views) {
    process.env.DATABASE_URL = db.url;
    const { timeViews } = await import("../bench/screens/views.ts");
    console.log(`\n${await timeViews(db.skus, 5, only)}`);
  } else if (!args["seed-only"]) {
    await ensureBuild(db.url, say);
    app = await startApp(throughSocket(db.url)); // its cluster is always an embedded one
    const sessions = new Map<Role, string>();
    for (const role of ["sales", "warehouse", "finance", "admin"] as const) {
      sessions.set(role, await signIn(app.port, DEMO_USERS.find((user) => user.role === role)!.email));
    }
    say(`signed in ${[...sessions.keys()].join(", ")}; warming each screen once…`);
    await warm({ port: app.port, sessions, data, only });
    say(`${users} users for ${seconds} s…`);
    const { figures, requests } = await drive({ port: app.port, users, seconds, thinkMs, sessions, data, only });
    const [version] = (await query<{ v: string }>(db.url, "SELECT current_setting('server_version') AS v")).map((row) => row.v);
    console.log(`\nConcord screens — ${os.cpus()[0]?.model ?? "cpu"} × ${os.cpus().length}, Node ${process.version}, PostgreSQL ${version}`);
    console.log(`${db.skus.length.toLocaleString("en")} SKUs, ${data.events.toLocaleString("en")} events; ${users} signed-in users (${[...sessions.keys()].join(", ")}) for ${seconds} s on next start, ${thinkMs ? `arriving over the first ${(thinkMs * 1.5) / 1000} s and pausing ${thinkMs / 2}–${(thinkMs * 3) / 2} ms between screens` : "all at once, with no pause between screens"}; ms from request to the answer's last byte\n`);
    console.log(table(figures, BUDGET_MS));
    console.log(`\nThe ${SLOWEST} slowest of ${requests.length.toLocaleString("en")} requests:\n${slowest(requests, SLOWEST)}`);
    const slow = figures.filter((figure) => !(percentile95(figure.samples) < BUDGET_MS));
    const failed = figures.filter((figure) => figure.errors > 0);
    for (const figure of failed) console.log(`\n${figure.screen.name}: ${figure.errors} errors, first: ${figure.firstError}`);
    console.log(`\n${slow.length ? `${slow.length} screen(s) with p95 ≥ ${BUDGET_MS} ms` : `every screen's p95 < ${BUDGET_MS} ms`}${failed.length ? `; ${failed.length} screen(s) with errors` : ""}`);
    if (failed.length) process.exitCode = 1;
  }
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await app?.stop();
  await db.stop();
}

function percentile95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.ceil(0.95 * sorted.length) - 1] : NaN;
}

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

/** What the screens' variants draw from: SKUs, closed months, people, and the last 30 days. */
async function readData(url: string, skuCodes: string[]): Promise<Data & { events: number }> {
  const [stats] = await query<{ events: string; last: Date }>(url, "SELECT count(*)::text AS events, max(occurred_at) AS last FROM ledger_event");
  const periods = (await query<{ period: string }>(url, "SELECT period FROM period ORDER BY period")).map((row) => row.period);
  const userIds = (await query<{ id: string }>(url, `SELECT id::text FROM app_user ORDER BY email`)).map((row) => row.id);
  const last = new Date(stats.last ?? Date.now());
  const day = (date: Date) => date.toISOString().slice(0, 10);
  return { skus: skuCodes, periods, userIds, days: { from: day(new Date(last.getTime() - 30 * 86_400_000)), to: day(last) }, events: Number(stats.events) };
}

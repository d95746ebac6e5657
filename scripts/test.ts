// `npm test`: the one command that runs every check. One throwaway PostgreSQL
// (or the server in DATABASE_URL) with a fresh database per runner, dropped at the end.
//
//   npm test                           everything
//   npm test -- --only unit            some stages (comma-separated or repeated)
//   npm test -- --skip unit-tz         without the second, non-UTC run of the integration tests
//   npm test -- --skip e2e             everything but some stages
//   npm test -- --only chaos           the crash-safety run alone (builds first unless --skip build)
//   npm test -- --bail                 stop at the first failure
//   npm run test:e2e -- --grep x       extra arguments for the one runner selected
//
// e2e and chaos bring build along (add --skip build to reuse .next); every stage but lint brings generate.
// chaos is the short version of `npm run chaos` (2 rounds of 20 s): SIGKILL to the app and
// PostgreSQL under load, then no acknowledged event may be lost, doubled or half-written.
// unit-tz runs the integration tests (tests/) again with the process and its database
// sessions west of UTC, where business days must not move (lib/domain/periods.ts).
import { existsSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { demoServingBuild } from "./lib/build.ts";
import { migrate } from "./lib/migrate.ts";
import { appDatabaseUrl, freePort } from "./lib/embedded-db.ts";
import { ROOT, testCluster, withDatabase } from "./lib/target-db.ts";
import {
  createDatabase, dropDatabase, onShutdown, run, seconds, stopChildren, stopDatabase, sweepStaleClusters, uniqueName,
} from "./lib/processes.ts";
import type { Database } from "./lib/embedded-db.ts";

const STAGES = ["generate", "lint", "typecheck", "unit", "unit-tz", "build", "e2e", "chaos"] as const;
const WEST_OF_UTC = "America/New_York";
type Stage = (typeof STAGES)[number];
type Outcome = { stage: string; status: "passed" | "failed" | "skipped"; ms: number; note?: string };

function parseArgs(argv: string[]) {
  const split = argv.indexOf("--");
  const own = split === -1 ? argv : argv.slice(0, split);
  const passthrough = split === -1 ? [] : argv.slice(split + 1);
  const only = new Set<Stage>();
  const skip = new Set<Stage>();
  const unknown: string[] = [];
  let bail = false;
  for (let i = 0; i < own.length; i++) {
    const [flag, inline] = own[i].split("=", 2);
    if (flag === "--bail") bail = true;
    else if (flag === "--only" || flag === "--skip") {
      const value = inline ?? own[++i] ?? "";
      for (const name of value.split(",").filter(Boolean)) {
        if (!(STAGES as readonly string[]).includes(name)) usage(`unknown stage "${name}"`);
        (flag === "--only" ? only : skip).add(name as Stage);
      }
    } else if (flag === "--help" || flag === "-h") usage();
    else unknown.push(own[i]);
  }
  const wanted = new Set(STAGES.filter((stage) => (only.size === 0 || only.has(stage)) && !skip.has(stage)));
  // What a stage needs comes along unless it was skipped explicitly.
  if ((wanted.has("e2e") || wanted.has("chaos")) && !skip.has("build")) wanted.add("build");
  if (["typecheck", "unit", "unit-tz", "build", "e2e", "chaos"].some((s) => wanted.has(s as Stage)) && !skip.has("generate")) wanted.add("generate");
  const selected = STAGES.filter((stage) => wanted.has(stage));
  // `npm run test:e2e -- --grep x`: other arguments go to the one runner selected (Vitest or Playwright).
  if (unknown.length && runnerOf(selected).size !== 1) usage(`unknown argument "${unknown[0]}" (runner arguments need exactly one of --only unit / --only e2e)`);
  return { selected, passthrough: [...unknown, ...passthrough], bail };
}

/** The test runners the selected stages use: Vitest (unit, unit-tz) and Playwright (e2e). */
function runnerOf(stages: readonly Stage[]): Set<string> {
  return new Set(stages.flatMap((stage) => (stage === "unit" || stage === "unit-tz" ? ["vitest"] : stage === "e2e" ? ["playwright"] : [])));
}

function usage(problem?: string): never {
  if (problem) console.error(`npm test: ${problem}`);
  console.error(`usage: npm test -- [--only ${STAGES.join(",")}] [--skip stage,...] [--bail] [-- runner args]`);
  process.exit(problem ? 2 : 0);
}

const { selected, passthrough, bail } = parseArgs(process.argv.slice(2));
const runnerArgs = (stage: Stage) => (runnerOf(selected).size === 1 && selected.includes(stage) ? passthrough : []);
if (passthrough.length && runnerOf(selected).size === 0) usage("runner arguments need --only unit or --only e2e");
const outcomes: Outcome[] = [];
const databases: string[] = [];
let cluster: Database | null = null;
let interrupted = false;

function banner(text: string) {
  console.log(`\n\x1b[1m━━ ${text}\x1b[0m`);
}

function failedSoFar() {
  return outcomes.find((o) => o.status === "failed");
}

async function stage(name: Stage | "e2e database", body: () => Promise<number | string>): Promise<boolean> {
  if (name !== "e2e database" && !selected.includes(name)) return true;
  if (interrupted) return false;
  if (bail && failedSoFar()) {
    outcomes.push({ stage: name, status: "skipped", ms: 0, note: `--bail after ${failedSoFar()?.stage}` });
    return false;
  }
  banner(name === "unit-tz" ? `unit-tz: the integration tests again with TZ=${WEST_OF_UTC}` : name);
  const started = Date.now();
  let result: number | string;
  try {
    result = await body();
  } catch (error) {
    result = error instanceof Error ? error.message : String(error);
    console.error(result);
  }
  const ms = Date.now() - started;
  const ok = result === 0 && !interrupted;
  const note = interrupted ? "interrupted" : typeof result === "string" ? result.split("\n")[0] : ok ? undefined : `exit code ${result}`;
  outcomes.push({ stage: name, status: ok ? "passed" : "failed", ms, note });
  return ok;
}

function skip(name: Stage, note: string) {
  if (selected.includes(name)) outcomes.push({ stage: name, status: "skipped", ms: 0, note });
}

// One cluster for the whole run, started once however many stages ask for it.
let clusterStarting: Promise<Database> | null = null;
function server(): Promise<Database> {
  clusterStarting ??= (async () => {
    sweepStaleClusters();
    const started = Date.now();
    cluster = await testCluster();
    console.log(`[db] ${cluster.reused ? "using the PostgreSQL server in DATABASE_URL" : `throwaway PostgreSQL ready in ${seconds(Date.now() - started)}`}`);
    return cluster;
  })();
  return clusterStarting;
}

async function database(name: string): Promise<string> {
  const { url: serverUrl } = await server();
  await createDatabase(serverUrl, name);
  databases.push(name);
  const url = withDatabase(serverUrl, name);
  await migrate(url);
  return url;
}

async function cleanUp() {
  const db = cluster;
  cluster = null;
  if (!db) return;
  // A throwaway cluster goes as a whole; on a shared server, drop what we created.
  if (db.reused) {
    await Promise.all(databases.map((name) => dropDatabase(db.url, name).catch((error: unknown) => console.error(`could not drop ${name}: ${String(error)}`))));
  }
  await stopDatabase(db);
}

function summary(total: number) {
  console.log("\n\x1b[1mSummary\x1b[0m");
  for (const o of outcomes) {
    const mark = o.status === "passed" ? "\x1b[32m✓ passed \x1b[0m" : o.status === "failed" ? "\x1b[31m✗ FAILED \x1b[0m" : "\x1b[33m- skipped\x1b[0m";
    console.log(`  ${mark} ${o.stage.padEnd(12)} ${seconds(o.ms).padStart(8)}${o.note ? `  (${o.note})` : ""}`);
  }
  const failed = outcomes.filter((o) => o.status === "failed").map((o) => o.stage);
  console.log(
    failed.length
      ? `\x1b[31m${failed.length} stage(s) failed: ${failed.join(", ")}\x1b[0m (${seconds(total)})`
      : `\x1b[32mall ${outcomes.length} stage(s) passed\x1b[0m in ${seconds(total)}`,
  );
  // The plain closing line CI systems read: stages, each of which ran its own runner.
  const passed = outcomes.filter((o) => o.status === "passed").length;
  console.log(`stages: ${passed} passed, ${failed.length} failed`);
  return failed.length === 0 && !interrupted;
}

const began = Date.now();
onShutdown(async (signal) => {
  interrupted = true;
  console.error(`\n${signal}: stopping…`);
  await stopChildren(signal === "SIGINT" ? "SIGINT" : "SIGTERM");
  await cleanUp();
  summary(Date.now() - began);
  process.exit(130);
});

const node = (file: string, ...args: string[]) => [path.join(ROOT, "node_modules", file), ...args];
let finished = false;
try {
  const generated = await stage("generate", () => run(process.execPath, ["--import", "tsx", "scripts/generate.ts"]));
  const wantsApp = selected.includes("build") || selected.includes("e2e");
  const e2eName = uniqueName("concord_e2e");
  // The e2e database is migrated and seeded (~15 s) in the background while lint,
  // typecheck, unit and build run; its output is shown when the e2e stage needs it.
  const seedLog: string[] = [];
  let e2eReadyMs = 0;
  const e2eDatabase = generated && wantsApp
    ? (async () => {
        const started = Date.now();
        const url = await database(e2eName);
        const { seed } = await import("../prisma/seed.ts");
        await seed(url, (line) => seedLog.push(line));
        e2eReadyMs = Date.now() - started;
        return url;
      })()
    : null;
  e2eDatabase?.catch(() => {}); // reported where it is awaited

  if (!generated) for (const name of ["typecheck", "unit", "unit-tz", "build", "e2e", "chaos"] as const) skip(name, "generate failed");
  await stage("lint", () => run(process.execPath, node("eslint/bin/eslint.js", "--max-warnings", "0", ".")));
  if (generated) {
    await stage("typecheck", () => run(process.execPath, node("typescript/bin/tsc", "--noEmit")));
    await stage("unit", async () => {
      const url = await database(uniqueName("concord_unit"));
      return run(process.execPath, node("vitest/vitest.mjs", "run", ...runnerArgs("unit")), { env: { TEST_DATABASE_URL: url } });
    });
    // The integration tests again, with Node and every PostgreSQL session in a zone west of UTC.
    await stage("unit-tz", async () => {
      const url = await database(uniqueName("concord_tz"));
      const args = runnerArgs("unit-tz");
      return run(process.execPath, node("vitest/vitest.mjs", "run", ...(args.length ? args : ["tests/"])), {
        env: { TEST_DATABASE_URL: url, TZ: WEST_OF_UTC, PGOPTIONS: `-c TimeZone=${WEST_OF_UTC}` },
      });
    });
    // Next reads the environment when it collects route modules, so the build gets the real one.
    const secret = randomBytes(32).toString("base64url");
    // The app reaches a throwaway cluster through its Unix socket, as `npm run demo` does.
    const appUrl = async () => appDatabaseUrl(withDatabase((await server()).url, e2eName));
    const appEnv = async () => ({
      DATABASE_URL: await appUrl(),
      NEXTAUTH_SECRET: secret,
      CONCORD_DEMO: "1",
      NEXT_TELEMETRY_DISABLED: "1",
    });
    const built = await stage("build", async () => {
      const busy = demoServingBuild();
      if (busy) return busy;
      return run(process.execPath, node("next/dist/bin/next", "build"), { env: await appEnv() });
    });
    const buildMissing = selected.includes("build") ? (built ? null : "build failed") : existsSync(path.join(ROOT, ".next/BUILD_ID")) ? null : "no build in .next (--skip build)";
    if (buildMissing) skip("e2e", buildMissing);
    else if (e2eDatabase && selected.includes("e2e")) {
      const seeded = await stage("e2e database", async () => {
        await e2eDatabase;
        seedLog.forEach((line) => console.log(line));
        return 0;
      });
      // The stage line shows the wait; the note, the work done in the background.
      const last = outcomes.at(-1);
      if (last && seeded) last.note = `created, migrated and seeded in ${seconds(e2eReadyMs)}, in the background`;
      if (!seeded) skip("e2e", "no e2e database");
      else
        await stage("e2e", async () =>
          run(process.execPath, node("@playwright/test/cli.js", "test", ...runnerArgs("e2e")), {
            env: { ...(await appEnv()), E2E_PORT: String(await freePort()) },
          }),
        );
    }
    // Its own PostgreSQL cluster (one it may kill), database and `next start` of the build.
    if (buildMissing) skip("chaos", buildMissing);
    else await stage("chaos", () => run(process.execPath, node("tsx/dist/cli.mjs", "scripts/chaos.ts", "--rounds", "2", "--seconds", "20"), { env: { NODE_OPTIONS: "--conditions=react-server" } }));
  }
  finished = true;
} catch (error) {
  console.error(error);
} finally {
  if (!interrupted) {
    await cleanUp();
    if (!finished) console.error("npm test stopped early (see the error above)");
    const ok = summary(Date.now() - began);
    process.exit(ok && finished ? 0 : 1);
  }
}

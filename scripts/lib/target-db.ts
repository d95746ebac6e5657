// One answer to "which PostgreSQL?": DATABASE_URL when set, else an embedded server.
import path from "node:path";
import { existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { freePort, portIsFree, runningServer, startEmbeddedPostgres, type Database } from "./embedded-db.ts";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const DATA_DIR = path.join(ROOT, ".concord");
const PREFERRED_PG_PORT = 54329;

/** The app's database: kept across runs under .concord/ (git-ignored). */
export async function appDatabase(log: (line: string) => void): Promise<Database> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {}, reused: true };
  return startEmbeddedPostgres({ dir: path.join(DATA_DIR, "pg"), port: await appDatabasePort(log), persistent: true, database: "concord", log });
}

/**
 * CONCORD_PG_PORT when set; else the port this checkout used last (.concord/pg.port),
 * else 54329; and when that one is taken (another checkout's demo), a free one,
 * remembered for the next start. A server already running on this data directory
 * is reused on its own port whatever this says (embedded-db.ts).
 */
async function appDatabasePort(log: (line: string) => void): Promise<number> {
  const configured = process.env.CONCORD_PG_PORT;
  if (configured) {
    const port = Number(configured);
    if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`CONCORD_PG_PORT must be a port number, not "${configured}"`);
    return port;
  }
  const file = path.join(DATA_DIR, "pg.port");
  const remembered = existsSync(file) ? Number(readFileSync(file, "utf8").trim()) : NaN;
  const wanted = Number.isInteger(remembered) && remembered > 0 ? remembered : PREFERRED_PG_PORT;
  // This data directory's own server, still running, is reused on its port.
  const running = runningServer(path.join(DATA_DIR, "pg"));
  if (running) return running.port;
  if (await portIsFree(wanted)) {
    if (wanted !== remembered) remember(file, wanted);
    return wanted;
  }
  const port = await freePort();
  log(`port ${wanted} is taken (another Concord checkout?); PostgreSQL takes port ${port}, remembered in .concord/pg.port`);
  remember(file, port);
  return port;
}

function remember(file: string, port: number) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${port}\n`);
}

/** A throwaway cluster for one test run, deleted when it stops. */
export async function testCluster(log: (line: string) => void = () => {}): Promise<Database> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {}, reused: true };
  mkdirSync(path.join(ROOT, ".tmp"), { recursive: true });
  const dir = mkdtempSync(path.join(ROOT, ".tmp", "pg-"));
  return startEmbeddedPostgres({ dir, persistent: false, database: "concord_test", log });
}

/** The same server, another database on it (created if missing). */
export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

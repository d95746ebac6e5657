// One answer to "which PostgreSQL?": DATABASE_URL when set, else an embedded server.
import path from "node:path";
import { mkdtempSync, mkdirSync } from "node:fs";
import { startEmbeddedPostgres, type Database } from "./embedded-db.ts";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const DATA_DIR = path.join(ROOT, ".concord");

/** The app's database: kept across runs under .concord/ (git-ignored). */
export async function appDatabase(log: (line: string) => void): Promise<Database> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {}, reused: true };
  return startEmbeddedPostgres({ dir: path.join(DATA_DIR, "pg"), port: 54329, persistent: true, database: "concord", log });
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

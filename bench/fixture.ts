// Bench database: a fresh cluster with durable commits (fsync on, as in
// production), migrated, with the demo users and their API tokens, the demo
// catalogue, and `skus` bench SKUs (B-0001…) stocked through the domain service.
import path from "node:path";
import { mkdtempSync, mkdirSync } from "node:fs";
import pg from "pg";
import { runningServer, startEmbeddedPostgres, throughSocket, type Database } from "../scripts/lib/embedded-db.ts";
import { migrate } from "../scripts/lib/migrate.ts";
import { ROOT } from "../scripts/lib/target-db.ts";
import { createDatabase, dropDatabase, uniqueName } from "../scripts/lib/processes.ts";
import { seed } from "../prisma/seed.ts";

export const benchSku = (n: number) => `B-${String(n).padStart(4, "0")}`;

/**
 * Room for WAL between checkpoints, and memory for the pages the ledger works on, as
 * a server that posts thousands of events a minute is given. With PostgreSQL's
 * default of 1 GB of WAL the simulated year forced a checkpoint every 46 s, and
 * after each one the first change to every page writes the whole page to WAL
 * again: 1.7 million such page images, up to 42 % of its WAL. With the default
 * 128 MB of shared buffers, the indexes that every event writes outgrew them by
 * mid-year and posting fell from 1,267 to 727–995 events/s (the year in 17m04s
 * against 14m12s with 2 GB).
 */
const WRITE_HEAVY = { max_wal_size: "8GB", shared_buffers: "2GB" };

export async function benchDatabase(): Promise<{ url: string; appUrl: string; stop: () => Promise<void>; postmasterPid: () => number | null }> {
  let server: Database;
  let dir: string | null = null;
  if (process.env.DATABASE_URL) {
    server = { url: process.env.DATABASE_URL, stop: async () => {}, reused: true };
  } else {
    mkdirSync(path.join(ROOT, ".tmp"), { recursive: true });
    dir = mkdtempSync(path.join(ROOT, ".tmp", "bench-"));
    server = await startEmbeddedPostgres({ dir, persistent: false, fsync: true, database: "postgres", settings: WRITE_HEAVY });
  }
  const name = uniqueName("concord_bench");
  await createDatabase(server.url, name);
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  return {
    url: url.toString(),
    /** How the app server reaches it: an embedded cluster through its Unix socket, as `npm run demo` does. */
    appUrl: dir ? throughSocket(url.toString()) : url.toString(),
    /** The embedded cluster's postmaster (its CPU is measured); null for a server at DATABASE_URL. */
    postmasterPid: () => (dir ? (runningServer(dir)?.pid ?? null) : null),
    stop: async () => {
      await dropDatabase(server.url, name).catch(() => {});
      await server.stop();
    },
  };
}

/** Demo users, tokens and catalogue (no history), plus the bench SKUs. */
export async function seedCatalogue(url: string, skus: number) {
  await seed(url, () => {}, { history: false });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("INSERT INTO sku (code, name, costing_method) SELECT 'B-' || lpad(i::text, 4, '0'), 'Bench ' || i, 'fifo' FROM generate_series(1, $1) i", [skus]);
  await client.end();
}

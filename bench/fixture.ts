// Bench database: a fresh cluster with durable commits (fsync on, as in
// production), migrated, with users and a catalogue of `skus` SKUs.
import path from "node:path";
import { mkdtempSync, mkdirSync } from "node:fs";
import pg from "pg";
import { startEmbeddedPostgres, type Database } from "../scripts/lib/embedded-db.ts";
import { migrate } from "../scripts/lib/migrate.ts";
import { ROOT } from "../scripts/lib/target-db.ts";
import { createDatabase, dropDatabase, uniqueName } from "../scripts/lib/processes.ts";
import { DEMO_USERS } from "../prisma/demo-users.ts";

export async function benchDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  let server: Database;
  if (process.env.DATABASE_URL) {
    server = { url: process.env.DATABASE_URL, stop: async () => {}, reused: true };
  } else {
    mkdirSync(path.join(ROOT, ".tmp"), { recursive: true });
    server = await startEmbeddedPostgres({ dir: mkdtempSync(path.join(ROOT, ".tmp", "bench-")), persistent: false, fsync: true, database: "postgres" });
  }
  const name = uniqueName("concord_bench");
  await createDatabase(server.url, name);
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  return {
    url: url.toString(),
    stop: async () => {
      await dropDatabase(server.url, name).catch(() => {});
      await server.stop();
    },
  };
}

export async function seedCatalogue(url: string, skus: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (const user of DEMO_USERS) {
    await client.query("INSERT INTO app_user (id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, 'x')", [user.id, user.email, user.name, user.role]);
  }
  await client.query("INSERT INTO location (code, name, kind) VALUES ('WH-EAST', 'East', 'warehouse'), ('WH-WEST', 'West', 'warehouse')");
  await client.query("INSERT INTO bin (location_id, code) SELECT id, b FROM location, unnest(ARRAY['A-01','A-02']) b");
  await client.query("INSERT INTO channel (code, name) VALUES ('web', 'Web'), ('wholesale', 'Wholesale')");
  await client.query("INSERT INTO sku (code, name, costing_method) SELECT 'B-' || lpad(i::text, 4, '0'), 'Bench ' || i, 'fifo' FROM generate_series(1, $1) i", [skus]);
  await client.end();
}

// The migration runner against a real PostgreSQL: applies, is idempotent, refuses
// edited history, is safe when two instances start together; the ledger is append-only.
import { afterEach, describe, expect, test } from "vitest";
import pg from "pg";
import { migrate, readMigrations } from "../../scripts/lib/migrate.ts";
import { freshDatabase, type FreshDatabase } from "../helpers/fresh-db.ts";

const ALL = readMigrations().map((m) => m.name);
const opened: FreshDatabase[] = [];

async function empty() {
  const db = await freshDatabase({ migrated: false });
  opened.push(db);
  return db;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const ledgerRows = (url: string) => query<{ migration_name: string; n: string }>(url, "SELECT migration_name, count(*) AS n FROM _prisma_migrations GROUP BY migration_name ORDER BY migration_name");

afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.drop()));
});

describe("migrate()", () => {
  test("there is at least one migration to test with", () => {
    expect(ALL.length).toBeGreaterThan(0);
  });

  test("migrates a fresh database: every migration applied once, in order, with its checksum", async () => {
    const db = await empty();
    expect(await migrate(db.url)).toEqual(ALL);
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      db.url,
      "SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY started_at, migration_name",
    );
    expect(rows.map((r) => r.migration_name)).toEqual(ALL);
    expect(rows.map((r) => r.checksum)).toEqual(readMigrations().map((m) => m.checksum));
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
    const tables = await query<{ table_name: string }>(db.url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(["app_user", "ledger_event", "balance"]));
  });

  test("running it again applies nothing", async () => {
    const db = await empty();
    await migrate(db.url);
    expect(await migrate(db.url)).toEqual([]);
    expect((await ledgerRows(db.url)).every((r) => r.n === "1")).toBe(true);
  });

  test("refuses a migration edited after it was applied, naming it", async () => {
    const db = await empty();
    await migrate(db.url);
    const edited = ALL[0];
    await query(db.url, "UPDATE _prisma_migrations SET checksum = repeat('0', 64) WHERE migration_name = $1", [edited]);
    await expect(migrate(db.url)).rejects.toThrow(new RegExp(`Migration ${edited} was edited after it was applied`));
  });

  test("two instances migrating a fresh database at once both succeed, each migration applied once", async () => {
    const db = await empty();
    const [first, second] = await Promise.all([migrate(db.url), migrate(db.url)]);
    expect([...first, ...second].sort()).toEqual(ALL);
    expect(await ledgerRows(db.url)).toEqual(ALL.map((name) => ({ migration_name: name, n: "1" })));
  });
});

describe("the ledger", () => {
  test("refuses UPDATE, DELETE and TRUNCATE of its events", async () => {
    const db = await freshDatabase();
    opened.push(db);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const [user] = (
        await client.query<{ id: string }>(
          "INSERT INTO app_user (email, name, role, password_hash) VALUES ('ledger@concord.test', 'Ledger Test', 'finance', 'x') RETURNING id",
        )
      ).rows;
      // A memo event: it moves nothing, so it needs no SKU or location.
      await client.query("INSERT INTO ledger_event (type, qty, occurred_at, actor_id, reason, group_id) VALUES ('memo', 0, now(), $1, 'original', gen_random_uuid())", [user.id]);

      await expect(client.query("UPDATE ledger_event SET reason = 'rewritten'")).rejects.toThrow(/append-only: UPDATE refused/);
      await expect(client.query("DELETE FROM ledger_event")).rejects.toThrow(/append-only: DELETE refused/);
      await expect(client.query("TRUNCATE ledger_event CASCADE")).rejects.toThrow(/append-only: TRUNCATE refused/);

      const rows = await client.query<{ reason: string }>("SELECT reason FROM ledger_event");
      expect(rows.rows).toEqual([{ reason: "original" }]);
    } finally {
      await client.end();
    }
  });
});

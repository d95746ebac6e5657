// The ledger's connections: the SKU lock is one prepared statement however many
// SKUs a connection locks, and a connection broken mid-transaction never goes back to the pool.
import { afterAll, beforeAll, expect, it } from "vitest";
import { ledgerFixture, type LedgerFixture } from "../helpers/ledger-fixture.ts";

let f: LedgerFixture;
beforeAll(async () => {
  f = await ledgerFixture();
  await f.query(`INSERT INTO sku (code, name, costing_method) SELECT 'LOCK-' || n, 'Lock ' || n, 'fifo' FROM generate_series(1, 6) n`);
});
afterAll(() => f?.drop());

it("locking many SKUs on one connection prepares one lock statement, not one per SKU", async () => {
  const { transaction, sql } = await import("../../lib/server/sql.ts");
  const { knownSku, lockSku } = await import("../../lib/server/ledger/context.ts");
  const prepared = await transaction(async (tx) => {
    for (let n = 1; n <= 6; n++) await lockSku(tx, await knownSku(tx, `LOCK-${n}`));
    return tx.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement LIKE '%pg_advisory_xact_lock(%' AND statement NOT LIKE '%pg_prepared_statements%'`);
  });
  expect(prepared[0].n).toBe(1);
});

it("a connection killed inside a transaction is dropped, and the next transactions run", async () => {
  const { transaction, sql, pool } = await import("../../lib/server/sql.ts");
  await expect(
    transaction(async (tx) => {
      const [me] = await tx.query<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`);
      await f.query("SELECT pg_terminate_backend($1)", me.pid);
      await tx.query(sql`SELECT 1`);
    }),
  ).rejects.toThrow();
  for (let i = 0; i < 25; i++) {
    const [row] = await transaction((tx) => tx.query<{ ok: number }>(sql`SELECT 1 AS ok`));
    expect(row.ok).toBe(1);
  }
  expect(pool().totalCount).toBeLessThanOrEqual(20);
});

it("a statement sent with COMMIT that fails commits nothing, and says why", async () => {
  const { transaction, sql } = await import("../../lib/server/sql.ts");
  await f.query("CREATE TABLE commit_probe (n int PRIMARY KEY)");
  await expect(
    transaction(async (tx) => {
      await tx.query(sql`INSERT INTO commit_probe VALUES (1)`);
      tx.beforeCommit!(sql`INSERT INTO commit_probe VALUES (1)`);
    }),
  ).rejects.toThrow(/duplicate key/);
  expect(await f.query("SELECT n FROM commit_probe")).toEqual([]);
  await transaction(async (tx) => {
    await tx.query(sql`INSERT INTO commit_probe VALUES (2)`);
    tx.beforeCommit!(sql`INSERT INTO commit_probe VALUES (3)`);
  });
  expect(await f.query("SELECT n FROM commit_probe ORDER BY n")).toEqual([{ n: 2 }, { n: 3 }]);
});

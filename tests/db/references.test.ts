// The ledger's references (migration 20261129010000_ledger_references_per_statement):
// checked once per statement instead of by a foreign key per row, with the same
// rule. Every reference a ledger row makes must exist, through the parent table or
// straight into a partition; a statement with one bad row writes none; a row the
// ledger names cannot be deleted or re-keyed, even by a transaction that started
// before the event naming it committed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { expectOk, ledgerFixture, type LedgerFixture } from "../helpers/ledger-fixture.ts";

let f: LedgerFixture;
/** Raw statements go through node-postgres, so a refusal carries PostgreSQL's own code, message and detail. */
let client: pg.Client;
const query = <T extends pg.QueryResultRow>(text: string, ...params: unknown[]) => client.query<T>(text, params).then((result) => result.rows);
let ids: { actor: string; sku: string; location: string; channel: string };
beforeAll(async () => {
  f = await ledgerFixture();
  client = new pg.Client({ connectionString: f.url });
  await client.connect();
  const [row] = await query<typeof ids>(`
    SELECT (SELECT id::text FROM app_user ORDER BY email LIMIT 1) AS actor, (SELECT id::text FROM sku WHERE code = 'T-FIFO') AS sku,
           (SELECT id::text FROM location WHERE code = 'WH-EAST') AS location, (SELECT id::text FROM channel WHERE code = 'web') AS channel`);
  ids = row;
});
afterAll(async () => {
  await client?.end();
  await f?.drop();
});

// No row of any table has this id (the demo users have ids of their own).
const UNKNOWN = randomUUID();

/** A memo row naming `refs` (each defaulting to a row that exists), inserted into `table`. */
function insertMemo(refs: Partial<Record<"sku_id" | "location_id" | "to_location_id" | "channel_id" | "actor_id" | "approval_id", string>>, table = "ledger_event") {
  const row = { sku_id: ids.sku, location_id: ids.location, to_location_id: ids.location, channel_id: ids.channel, actor_id: ids.actor, approval_id: null, ...refs };
  return query(
    `INSERT INTO ${table} (type, qty, occurred_at, group_id, sku_id, location_id, to_location_id, channel_id, actor_id, approval_id)
     VALUES ('memo', 0, now(), gen_random_uuid(), $1::uuid, $2::uuid, $3::uuid, $4::uuid, $5::uuid, $6::uuid)`,
    row.sku_id, row.location_id, row.to_location_id, row.channel_id, row.actor_id, row.approval_id,
  );
}

const INSERT_NAMING = "INSERT INTO ledger_event (type, qty, occurred_at, group_id, sku_id, actor_id) VALUES ('memo', 0, now(), gen_random_uuid(), $1::uuid, $2::uuid)";

/** A fresh SKU and two connections of their own, whose transactions the test interleaves. */
async function race(code: string, work: (parties: { writer: pg.Client; deleter: pg.Client; skuId: string }) => Promise<void>) {
  const [{ id: skuId }] = await query<{ id: string }>("INSERT INTO sku (code, name, costing_method) VALUES ($1, $1, 'fifo') RETURNING id::text", code);
  const writer = new pg.Client({ connectionString: f.url });
  const deleter = new pg.Client({ connectionString: f.url });
  await Promise.all([writer.connect(), deleter.connect()]);
  try {
    await work({ writer, deleter, skuId });
  } finally {
    await Promise.all([writer.end(), deleter.end()]);
  }
}

/** Long enough for a statement that is not blocked to finish. */
const pause = () => new Promise((resolve) => setTimeout(resolve, 300));

const memoCount = () => query<{ n: number }>("SELECT count(*)::int AS n FROM ledger_event WHERE type = 'memo'").then(([row]) => row.n);

describe("a ledger row names only rows that exist", () => {
  it("refuses each unknown reference with SQLSTATE 23503, naming the reference and the key", async () => {
    for (const column of ["sku_id", "location_id", "to_location_id", "channel_id", "actor_id", "approval_id"] as const) {
      const refused = await insertMemo({ [column]: UNKNOWN }).then(() => null, (error: pg.DatabaseError) => error);
      expect(refused, column).not.toBeNull();
      expect(refused!.code, column).toBe("23503");
      expect(refused!.message, column).toContain(`ledger_event_${column}_fkey`);
      expect(refused!.detail, column).toBe(`Key (${column})=(${UNKNOWN}) is not present.`);
    }
    expect(await memoCount()).toBe(0);
  });

  it("accepts rows whose references exist, or are empty where they may be", async () => {
    await insertMemo({});
    await insertMemo({ sku_id: null as unknown as string, channel_id: null as unknown as string, location_id: null as unknown as string, to_location_id: null as unknown as string });
    expect(await memoCount()).toBe(2);
  });

  it("refuses a statement of many rows whole when one of them names an unknown SKU", async () => {
    const before = await memoCount();
    await expect(
      query(
        `INSERT INTO ledger_event (type, qty, occurred_at, group_id, sku_id, actor_id)
         SELECT 'memo', 0, now(), gen_random_uuid(), CASE WHEN i = 500 THEN $2::uuid ELSE $1::uuid END, $3::uuid FROM generate_series(1, 1000) i`,
        ids.sku, UNKNOWN, ids.actor,
      ),
    ).rejects.toThrow(/ledger_event_sku_id_fkey/);
    expect(await memoCount()).toBe(before);
  });

  it("holds for a row written straight into a partition, this month's and the default one", async () => {
    const [{ part }] = await query<{ part: string }>(
      "SELECT inhrelid::regclass::text AS part FROM pg_inherits WHERE inhparent = 'ledger_event'::regclass AND inhrelid::regclass::text = 'ledger_partitions.ledger_event_' || to_char(now() AT TIME ZONE 'UTC', 'YYYY_MM')",
    );
    await expect(insertMemo({ location_id: UNKNOWN }, part)).rejects.toThrow(/ledger_event_location_id_fkey/);
    // A month with no partition of its own: the row would land in the default partition.
    await expect(
      query(
        "INSERT INTO ledger_partitions.ledger_event_default (type, qty, occurred_at, group_id, actor_id) VALUES ('memo', 0, '2001-01-01T00:00:00Z', gen_random_uuid(), $1::uuid)",
        UNKNOWN,
      ),
    ).rejects.toThrow(/ledger_event_actor_id_fkey/);
  });

  it("holds on a partition made later by ledger_event_add_partition", async () => {
    const moment = "2099-05-10T00:00:00Z";
    await query("SELECT ledger_event_add_partition($1::timestamptz)", moment);
    await expect(
      query("INSERT INTO ledger_partitions.ledger_event_2099_05 (type, qty, occurred_at, group_id, actor_id) VALUES ('memo', 0, $1, gen_random_uuid(), $2::uuid)", moment, UNKNOWN),
    ).rejects.toThrow(/ledger_event_actor_id_fkey/);
    await query("DROP TABLE ledger_partitions.ledger_event_2099_05");
  });
});

describe("a row the ledger names stays", () => {
  it("refuses deleting or re-keying a SKU, location, channel or user the ledger names", async () => {
    expectOk(await f.post("finance", { type: "po.confirm", sku: "T-AVG", location: "WH-WEST", qty: 5, reference: "PO-REF-1", unitCost: "2.00", eta: new Date().toISOString(), fob: "destination", supplier: "Acme" }));
    await insertMemo({}); // names T-FIFO, WH-EAST, web and a user
    const statements = [
      ["DELETE FROM sku WHERE code = 'T-AVG'", "sku"],
      ["UPDATE sku SET id = gen_random_uuid() WHERE code = 'T-AVG'", "sku"],
      ["DELETE FROM location WHERE code = 'WH-WEST'", "location"],
      ["DELETE FROM location WHERE code = 'WH-EAST'", "location"],
      ["DELETE FROM channel WHERE code = 'web'", "channel"],
      ["DELETE FROM app_user WHERE id = (SELECT actor_id FROM ledger_event ORDER BY seq LIMIT 1)", "app_user"],
    ] as const;
    for (const [statement, table] of statements) {
      const refused = await query(statement).then(() => null, (error: pg.DatabaseError) => error);
      expect(refused, statement).not.toBeNull();
      expect(refused!.code, statement).toBe("23503");
      expect(refused!.message, statement).toMatch(new RegExp(`on table "${table}" violates foreign key constraint "ledger_event_\\w+_fkey"`));
    }
    // A change that keeps the id is no re-keying.
    await query("UPDATE sku SET name = 'Average item (renamed)' WHERE code = 'T-AVG'");
  });

  it("lets a row no event names go", async () => {
    await query("INSERT INTO sku (code, name, costing_method) VALUES ('T-UNUSED', 'Never posted', 'fifo')");
    await query("DELETE FROM sku WHERE code = 'T-UNUSED'");
    expect(await query("SELECT 1 FROM sku WHERE code = 'T-UNUSED'")).toEqual([]);
  });

  it("a delete that meets an event still being written waits for it, then is refused", async () => {
    await race("T-RACE", async ({ writer, deleter, skuId }) => {
      await writer.query("BEGIN");
      await writer.query(INSERT_NAMING, [skuId, ids.actor]);
      let settled = false;
      const deleting = deleter.query("DELETE FROM sku WHERE id = $1::uuid", [skuId]).finally(() => (settled = true));
      deleting.catch(() => {});
      await pause();
      expect(settled).toBe(false); // held by the event's lock on the SKU
      await writer.query("COMMIT");
      await expect(deleting).rejects.toMatchObject({ code: "23503" });
      expect(await query("SELECT 1 FROM sku WHERE id = $1::uuid", skuId)).toHaveLength(1);
    });
  });

  it("an event naming a SKU another transaction is deleting waits for it, then is refused", async () => {
    await race("T-GONE", async ({ writer, deleter, skuId }) => {
      await deleter.query("BEGIN");
      await deleter.query("DELETE FROM sku WHERE id = $1::uuid", [skuId]);
      const writing = writer.query(INSERT_NAMING, [skuId, ids.actor]);
      writing.catch(() => {});
      await pause();
      await deleter.query("COMMIT");
      await expect(writing).rejects.toMatchObject({ code: "23503" });
      expect(await query("SELECT 1 FROM ledger_event WHERE sku_id = $1::uuid", skuId)).toEqual([]);
    });
  });
});

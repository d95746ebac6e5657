// Ledger transactions plan each statement once per connection (a generic plan,
// lib/server/sql.ts) and keep that plan for as long as the connection lives. A
// plan made while the month's partition was nearly empty must still read a SKU's
// moves dated after a moment through (sku_id, occurred_at): through another index
// that leads with sku_id it reads every event of the SKU that month, and a
// connection made early in a month did so until it closed (25 ms against 5 ms
// for 32 SKUs with 1,100 events each).
// A reversal reads the group it names by group id, which no SKU-led index serves.
// Kept as a generic plan made while a partition was empty, that read went through
// whichever index came first and filtered every row of the month once it filled
// (10–30 ms a reversal in the simulated year, where autovacuum had not yet analysed
// the new month). Such reads are planned at each use (`fresh` in sql.ts).
// A view read back from the balances takes back one SKU's per-day rows after a
// recent day. Statistics that had not yet seen the newest days made the day index
// look cheaper, and the read filtered every SKU's rows since.
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectOk, ledgerFixture, stock, type LedgerFixture } from "../helpers/ledger-fixture.ts";
import pg from "pg";
import type { Sql } from "../../lib/server/sql.ts";

let f: LedgerFixture;
beforeAll(async () => {
  f = await ledgerFixture();
});
afterAll(() => f?.drop());

it("the state read's generic plan reads a SKU's later moves by (sku_id, occurred_at), whatever the month's partition held when it was planned", async () => {
  const { db, text } = await import("../../lib/server/sql.ts");
  const { loadSkuStates, knownSku } = await import("../../lib/server/ledger/context.ts");
  const { loadRefs } = await import("../../lib/server/ledger/refs.ts");
  // The statement as the ledger sends it, caught on its way.
  let sent: Sql | undefined;
  const catcher = { key: db.key, query: async <T>(statement: Sql) => ((sent = statement), [] as T[]) };
  const refs = await loadRefs(db);
  const sku = await knownSku(db, "T-FIFO");
  await loadSkuStates(catcher, [{ refs, sku, occurredAt: new Date(), pos: [], orderLines: ["SO-1"], costDocs: null }]);
  // As a ledger transaction plans it: generic, sequential scans off; the month's partition as good as empty.
  const client = new pg.Client({ connectionString: f.url });
  await client.connect();
  let plan: string;
  try {
    await client.query("SET enable_seqscan = off");
    plan = (await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (GENERIC_PLAN) ${text(sent!)}`)).rows.map((row) => row["QUERY PLAN"]).join("\n");
  } finally {
    await client.end();
  }
  const lines = plan.split("\n");
  const ledgerScans = lines.filter((line) => / on ledger_event_\d{4}_\d{2}\b/.test(line));
  expect(ledgerScans.length).toBeGreaterThan(0);
  for (const line of ledgerScans) expect(line).toMatch(/sku_id_occurred_at_idx/);
  // Both the SKU and the moment bound the scan: it starts at the moment, not at the SKU's first event.
  const conditions = lines.filter((line, i) => / on ledger_event_\d{4}_\d{2}\b/.test(lines[i - 1] ?? "") && /Index Cond/.test(line));
  expect(conditions).toHaveLength(ledgerScans.length);
  for (const line of conditions) expect(line).toMatch(/occurred_at/);
});

type IndexStat = { indexrelname: string; idx_tup_read: number };

it("a reversal's read of its group goes through the group index on a connection that read one while next month's partition was empty", async () => {
  const { clientDb, LEDGER_SETTINGS } = await import("../../lib/server/sql.ts");
  const { loadReversalTarget } = await import("../../lib/server/ledger/reversal-target.ts");
  const { loadRefs } = await import("../../lib/server/ledger/refs.ts");
  await stock(f, "T-FIFO", 50);
  const posted = expectOk(await f.post("sales", { type: "reserve", sku: "T-FIFO", qty: 1, location: "WH-EAST", channel: "web", orderLine: "SO-PLAN-1" }));
  const group = (posted.body.events as { group: string }[])[0].group;
  // Next month's partition, made ahead and empty.
  const next = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + 1, 15));
  const partition = `ledger_partitions.ledger_event_${next.toISOString().slice(0, 7).replace("-", "_")}`;
  expect(await f.query(`SELECT 1 FROM ${partition}`)).toHaveLength(0);

  const client = new pg.Client({ connectionString: f.url });
  await client.connect();
  const db = clientDb(client, f.url);
  const read = async () => {
    await client.query(`BEGIN; ${LEDGER_SETTINGS}`);
    try {
      return await loadReversalTarget(db, await loadRefs(db), group);
    } finally {
      await client.query("COMMIT");
    }
  };
  try {
    // Read while next month is empty…
    expect((await read()).target.group).toBe(group);
    // …then next month comes and fills (before autovacuum analyses it), and the same connection reads again.
    const columns = (await f.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'ledger_event' AND table_schema = 'public' AND column_name NOT IN ('seq', 'id', 'group_id', 'occurred_at')`,
    )).map((c) => `"${c.column_name}"`).join(", ");
    await f.query(
      `INSERT INTO ledger_event (${columns}, group_id, occurred_at) SELECT ${columns}, gen_random_uuid(), $2::timestamptz FROM ledger_event, generate_series(1, 4000) WHERE group_id = $1::uuid`,
      group, next);
    // Each read of the statistics is a transaction of its own, so it sees what was flushed since.
    // This month's indexes are there to show that the read's counts arrived (it finds the group there).
    const stats = () =>
      f.query<IndexStat>(
        `SELECT indexrelname::text, idx_tup_read::int FROM pg_stat_user_indexes WHERE relid IN ($1::regclass, (SELECT tableoid FROM ledger_event WHERE group_id = $2::uuid LIMIT 1))`,
        partition, group);
    const total = (rows: IndexStat[]) => rows.reduce((n, s) => n + s.idx_tup_read, 0);
    const flushed = async (previous: IndexStat[]) => {
      await client.query("SELECT pg_stat_force_next_flush()");
      // The backend flushes its counters once idle; wait until they show.
      for (let i = 0; i < 30; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const now = await stats();
        if (total(now) !== total(previous)) return now;
      }
      return stats();
    };
    const before = await stats();
    expect((await read()).target.group).toBe(group);
    const after = await flushed(before);

    // Next month's indexes other than the group's.
    const others = (rows: IndexStat[]) => rows.filter((s) => s.indexrelname.startsWith(partition.split(".")[1]) && !s.indexrelname.endsWith("group_id_idx"));
    // No other index of next month's was read through (4,000 rows would show).
    expect(total(others(after)) - total(others(before))).toBeLessThan(100);
    expect(total(after)).toBeGreaterThan(total(before));
  } finally {
    await client.end();
  }
});

it("a SKU's per-day rows after a recent day are read by SKU, even when the statistics have not seen those days yet", async () => {
  const { text } = await import("../../lib/server/sql.ts");
  const { ownedUnits } = await import("../../lib/server/views/finance/as-of.ts");
  // Many SKUs' per-day rows: 60 days analysed, then 20 newer days the statistics have not seen.
  await f.query(`INSERT INTO sku (code, name, costing_method) SELECT 'PLAN-' || i, 'Plan ' || i, 'fifo' FROM generate_series(1, 400) i`);
  const insertDays = (from: number, to: number) =>
    f.query(`INSERT INTO balance_day (sku_id, location_id, state, bin, channel_id, day, delta)
      SELECT s.id, l.id, 'AVAILABLE', '', '', (now() AT TIME ZONE 'UTC')::date - d, 1
        FROM sku s CROSS JOIN (SELECT id FROM location WHERE code = 'WH-EAST') l CROSS JOIN generate_series($1::int, $2::int) d
       WHERE s.code LIKE 'PLAN-%' ON CONFLICT DO NOTHING`, from, to);
  await insertDays(25, 90);
  await f.query(`ANALYZE balance_day`);
  await insertDays(0, 24);
  const [{ id: skuId }] = await f.query<{ id: string }>(`SELECT id::text FROM sku WHERE code = 'T-FIFO'`);
  const asOf = new Date(Date.now() - 20 * 86_400_000); // read back from the balances (strategyFor)
  // Finance's owned units for one SKU as of that moment, as the views send it (balances.ts reads the same rows the same way).
  const owned = ownedUnits(asOf, skuId);
  expect(text(owned)).toContain("FROM balance_day");
  const client = new pg.Client({ connectionString: f.url });
  await client.connect();
  try {
    const plan = (await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${text(owned)}`, [...owned.values])).rows.map((row) => row["QUERY PLAN"]).join("\n");
    // Through the key, the SKU in its condition (an index scan, or a bitmap built from one); never the day index.
    expect(plan).not.toMatch(/balance_day_day_idx/);
    const lines = plan.split("\n");
    const scan = lines.findIndex((line) => / on balance_day\b/.test(line));
    const read = lines.slice(scan, scan + 4).join("\n");
    expect(read).toMatch(/balance_day_pkey/);
    expect(read).toMatch(/Index Cond: .*sku_id/);
  } finally {
    await client.end();
  }
});

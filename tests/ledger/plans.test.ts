// Ledger transactions plan each statement once per connection (a generic plan,
// lib/server/sql.ts) and keep that plan for as long as the connection lives. A
// plan made while the month's partition was nearly empty must still read a SKU's
// moves dated after a moment through (sku_id, occurred_at): through another index
// that leads with sku_id it reads every event of the SKU that month, and a
// connection made early in a month did so until it closed (25 ms against 5 ms
// for 32 SKUs with 1,100 events each).
import { afterAll, beforeAll, expect, it } from "vitest";
import { ledgerFixture, type LedgerFixture } from "../helpers/ledger-fixture.ts";
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

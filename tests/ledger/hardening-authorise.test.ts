// Issue 6 item 7: the role's permission for the event type is checked right after
// parsing, before any code is resolved, any lock is taken or anything is written.
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectOk, ledgerFixture, stock, type LedgerFixture } from "../helpers/ledger-fixture.ts";

let f: LedgerFixture;
beforeAll(async () => {
  f = await ledgerFixture();
  await stock(f, "T-FIFO", 5);
});
afterAll(() => f?.drop());

const hold = { type: "hold", sku: "T-FIFO", location: "WH-EAST", qty: 1 };

it.each([
  ["an unknown SKU", { ...hold, sku: "NOPE" }],
  ["an unknown location", { ...hold, location: "NOWHERE" }],
  ["more than there is", { ...hold, qty: 999 }],
])("a sales token posting a hold for %s learns only that it may not", async (_name, body) => {
  const response = await f.post("sales", body, "probe");
  expect([response.status, response.body.code]).toEqual([403, "forbidden"]);
  const rows = await f.query<{ n: number }>("SELECT count(*)::int AS n FROM idempotency_record WHERE key = 'probe'");
  expect(rows[0].n).toBe(0);
});

it("a forbidden event dated into a closed period is refused as forbidden, not as a closed period", async () => {
  const year = new Date().getUTCFullYear() - 1;
  expectOk(await f.post("finance", { type: "period.close", period: `${year}-03` }));
  const response = await f.post("sales", { ...hold, occurredAt: `${year}-03-10T10:00:00Z` });
  expect([response.status, response.body.code]).toEqual([403, "forbidden"]);
});

it("a forbidden request is answered at once while the ledger is busy: it takes no lock and waits on none", async () => {
  const client = new pg.Client({ connectionString: f.url });
  await client.connect();
  try {
    await client.query("BEGIN");
    // Everything a posting touches is held by another transaction, as under a long write.
    await client.query("LOCK TABLE idempotency_record, ledger_event, balance, approval_request, period, document IN ACCESS EXCLUSIVE MODE");
    await client.query("SELECT pg_advisory_xact_lock(1)");
    const pending = f.post("sales", hold);
    const timer = new Promise<"waiting">((resolve) => setTimeout(() => resolve("waiting"), 3000));
    const first = await Promise.race([pending.then(() => "answered" as const), timer]);
    await client.query("ROLLBACK");
    const response = await pending;
    expect(first).toBe("answered");
    expect([response.status, response.body.code]).toEqual([403, "forbidden"]);
  } finally {
    await client.end();
  }
});

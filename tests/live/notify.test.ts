// The ledger's NOTIFY: sent by the commit that writes a group, in commit order,
// never by a transaction that rolls back, a refusal, an approval request or a replay.
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ledgerFixture, stock, expectOk, type LedgerFixture } from "../helpers/ledger-fixture.ts";
import { demoUser } from "../../prisma/demo-users.ts";

let f: LedgerFixture;
let listener: pg.Client;
const heard: { seq: number; first: number; group: string; type: string; sku: string | null; locations: string[]; money?: Record<string, string> }[] = [];

beforeAll(async () => {
  f = await ledgerFixture();
  listener = new pg.Client({ connectionString: f.url });
  await listener.connect();
  listener.on("notification", (message) => heard.push(JSON.parse(message.payload!)));
  await listener.query("LISTEN concord_ledger");
});
afterAll(async () => {
  await listener?.end();
  await f?.drop();
});

/** Everything heard once the ledger is quiet: a notification arrives right after its commit. */
async function settle() {
  await new Promise((resolve) => setTimeout(resolve, 150));
  await listener.query("SELECT 1");
  return heard.splice(0);
}

it("a committed group is announced once, with its SKU, seqs, type, group and locations", async () => {
  await stock(f, "T-FIFO", 10, { bin: "A-01" });
  await settle();
  const posted = expectOk(await f.post("warehouse", { type: "transfer.ship", sku: "T-FIFO", qty: 4, location: "WH-EAST", toLocation: "WH-WEST", eta: new Date(Date.now() + 86_400_000).toISOString() }));
  const events = posted.body.events as { seq: number }[];
  expect(await settle()).toEqual([
    {
      seq: Math.max(...events.map((e) => e.seq)),
      first: Math.min(...events.map((e) => e.seq)),
      group: posted.body.group,
      type: "transfer.ship",
      sku: "T-FIFO",
      locations: ["WH-EAST", "WH-WEST"],
      occurredAt: expect.any(String),
    },
  ]);
});

it("money travels in the payload (the stream filters it per role)", async () => {
  await stock(f, "T-AVG", 3, { unitCost: "7.25" });
  const notices = await settle();
  expect(notices.map((n) => n.type)).toEqual(["po.confirm", "receive", "inspect"]);
  expect(notices[0].money).toEqual({ unitCost: "7.25" });
});

it("nothing is announced for a rollback, a refusal, an approval request or a replayed key", async () => {
  const { transaction } = await import("../../lib/server/sql.ts");
  const { postEvent } = await import("../../lib/server/ledger/post-event.ts");
  const { EventInputSchema } = await import("../../lib/domain/event-input.ts");
  const warehouse = { id: demoUser("warehouse").id, role: "warehouse" as const };
  await expect(
    transaction(async (tx) => {
      await postEvent(tx, warehouse, EventInputSchema.parse({ type: "hold", sku: "T-FIFO", qty: 1, location: "WH-EAST", reason: "dent" }));
      throw new Error("changed my mind");
    }),
  ).rejects.toThrow("changed my mind");

  const refused = await f.post("sales", { type: "reserve", sku: "T-FIFO", qty: 999, location: "WH-EAST", channel: "web", orderLine: "SO-1/1" });
  expect(refused.body.code).toBe("insufficient_quantity");

  const asked = expectOk(await f.post("warehouse", { type: "damage", sku: "T-FIFO", qty: 1, location: "WH-EAST", fromState: "AVAILABLE", reason: "dropped" }));
  const request = expectOk(await f.post("warehouse", { type: "writeoff", sku: "T-FIFO", qty: 1, location: "WH-EAST", reason: "beyond repair" }));
  expect(request.status).toBe(202);
  expect((await settle()).map((n) => n.group)).toEqual([asked.body.group]);

  const once = expectOk(await f.post("warehouse", { type: "hold", sku: "T-FIFO", qty: 1, location: "WH-EAST", reason: "smell" }, "hold-key"));
  const again = await f.post("warehouse", { type: "hold", sku: "T-FIFO", qty: 1, location: "WH-EAST", reason: "smell" }, "hold-key");
  expect(again.body.group).toBe(once.body.group);
  expect((await settle()).map((n) => n.group)).toEqual([once.body.group]);
  // The replay's stored answer still left with COMMIT, beside the NOTIFY.
  const [record] = await f.query<{ status: number }>("SELECT status FROM idempotency_record WHERE key = 'hold-key'");
  expect(record.status).toBe(201);
});

it("one SKU's groups are announced in seq order under concurrency", async () => {
  await stock(f, "T-STD", 50);
  await settle();
  await Promise.all(
    Array.from({ length: 30 }, (_, i) => f.post("sales", { type: "reserve", sku: "T-STD", qty: 1, location: "WH-EAST", channel: "web", orderLine: `SO-N/${i}` })),
  );
  const seqs = (await settle()).filter((n) => n.sku === "T-STD").map((n) => n.seq);
  expect(seqs).toHaveLength(30);
  expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
});

it("statements queued before COMMIT all run, in order, and one failing commits none", async () => {
  const { transaction, sql } = await import("../../lib/server/sql.ts");
  await f.query("CREATE TABLE queued_probe (n int PRIMARY KEY)");
  await transaction(async (tx) => {
    await tx.query(sql`INSERT INTO queued_probe VALUES (1)`);
    tx.beforeCommit!(sql`INSERT INTO queued_probe VALUES (2)`);
    tx.beforeCommit!(sql`SELECT pg_notify('concord_ledger', '{"probe":true}')`);
    tx.beforeCommit!(sql`INSERT INTO queued_probe VALUES (3)`);
  });
  expect(await f.query("SELECT n FROM queued_probe ORDER BY n")).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  expect(await settle()).toEqual([{ probe: true }]);
  await expect(
    transaction(async (tx) => {
      await tx.query(sql`INSERT INTO queued_probe VALUES (4)`);
      tx.beforeCommit!(sql`SELECT pg_notify('concord_ledger', '{"probe":"rolled back"}')`);
      tx.beforeCommit!(sql`INSERT INTO queued_probe VALUES (1)`);
      tx.beforeCommit!(sql`INSERT INTO queued_probe VALUES (5)`);
    }),
  ).rejects.toThrow(/duplicate key/);
  expect(await f.query("SELECT n FROM queued_probe ORDER BY n")).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  expect(await settle()).toEqual([]);
});

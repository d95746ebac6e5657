// A database that cannot serve (unreachable, the connection lost mid-request, out of
// resources) is answered 503 with a retry hint, never 500; whatever broke off left
// a whole group or nothing, and the retry with the same Idempotency-Key posts once.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import pg from "pg";
import { ledgerFixture, stock, type LedgerFixture } from "../helpers/ledger-fixture.ts";
import { freePort } from "../../scripts/lib/embedded-db.ts";
import { demoUser } from "../../prisma/demo-users.ts";
import type { Role } from "../../lib/domain/roles.ts";

const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string; role: Role } }));
vi.mock("@/lib/server/session", () => ({ currentUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

let f: LedgerFixture;
beforeAll(async () => {
  f = await ledgerFixture();
  await stock(f, "T-FIFO", 500, { bin: "A-01" });
});
afterAll(() => f?.drop());

type Answer = { status: number; headers: Headers; body: Record<string, unknown> };

/** The v1 event route called as Next.js calls it, with the answer's headers. */
async function postEvent(body: BodyInit, key: string, init: RequestInit = {}): Promise<Answer> {
  const { POST } = await import("../../app/api/v1/events/route.ts");
  const request = new Request("http://concord.test/api/v1/events", {
    method: "POST",
    headers: { authorization: `Bearer ${demoUser("sales").token}`, "idempotency-key": key, "content-type": "application/json" },
    body,
    ...init,
  });
  const response = await POST(request, { params: Promise.resolve({}) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

const reserve = (reference: string, qty = 1) =>
  JSON.stringify({ type: "reserve", sku: "T-FIFO", qty, location: "WH-EAST", channel: "web", orderLine: `SO-${reference}`, reference });

function expectUnavailable(answer: Answer) {
  expect(answer.status).toBe(503);
  expect(answer.headers.get("content-type")).toBe("application/problem+json");
  expect(Number(answer.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(answer.body).toMatchObject({ type: expect.stringMatching(/\/unavailable$/), code: "unavailable", status: 503, detail: expect.stringContaining("Idempotency-Key") });
}

/** Groups (with their row counts) that carry `reference`, and whether its key's answer is stored. */
async function written(reference: string, key: string) {
  const groups = await f.query<{ group_id: string; legs: number }>(
    "SELECT group_id::text, count(*)::int AS legs FROM ledger_event WHERE group_id IN (SELECT group_id FROM ledger_event WHERE reference = $1) GROUP BY group_id",
    reference,
  );
  const [record] = await f.query<{ status: number; response: { group: string; events: unknown[] } | null }>("SELECT status, response::json AS response FROM idempotency_record WHERE key = $1", key);
  return { groups, record };
}

/** The app's pool, replaced for a moment: `globalThis.concordPool` is the one pool of lib/server/sql.ts. */
async function withAppPool<T>(replacement: pg.Pool, work: () => Promise<T>): Promise<T> {
  const { pool } = await import("../../lib/server/sql.ts");
  pool(); // make sure the real one exists, to put it back afterwards
  const holder = globalThis as unknown as { concordPool: { url: string; pool: pg.Pool } };
  const real = holder.concordPool;
  holder.concordPool = { url: real.url, pool: replacement };
  try {
    return await work();
  } finally {
    holder.concordPool = real;
    await replacement.end().catch(() => {});
  }
}

describe("the database classified as unavailable", () => {
  const pgError = (code: string) => Object.assign(new Error(`sqlstate ${code}`), { code, severity: "FATAL" });
  it.each([
    ["connection failure 08006", pgError("08006"), 2],
    ["disk full 53100", pgError("53100"), 10],
    ["out of memory 53200", pgError("53200"), 10],
    ["too many connections 53300", pgError("53300"), 10],
    ["admin shutdown 57P01", pgError("57P01"), 2],
    ["crash shutdown 57P02", pgError("57P02"), 2],
    ["starting up 57P03", pgError("57P03"), 2],
    ["connection refused", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED", syscall: "connect" }), 2],
    ["no server on the Unix socket", Object.assign(new Error("connect ENOENT /tmp/.s.PGSQL.1"), { code: "ENOENT", syscall: "connect" }), 2],
    ["connection reset", Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }), 2],
    ["connection lost (node-postgres)", new Error("Connection terminated unexpectedly"), 2],
    ["pool connect timeout", new Error("timeout exceeded when trying to connect"), 2],
    ["several addresses refused", new AggregateError([Object.assign(new Error("refused"), { code: "ECONNREFUSED" })]), 2],
    ["Prisma: cannot reach", Object.assign(new Error("Can't reach database server"), { code: "P2010", meta: { driverAdapterError: { cause: { kind: "DatabaseNotReachable" } } } }), 2],
    ["Prisma: a terminated backend", Object.assign(new Error("raw query failed"), { code: "P2010", meta: { driverAdapterError: { cause: { kind: "postgres", code: "57P01" } } } }), 2],
  ])("%s → 503 with Retry-After %i", async (_name, error, retryAfter) => {
    const { problemFromError } = await import("../../lib/server/api/problem.ts");
    const answer = problemFromError(error);
    expectUnavailable({ status: answer.status, headers: answer.headers, body: (await answer.json()) as Record<string, unknown> });
    expect(answer.headers.get("retry-after")).toBe(String(retryAfter));
  });

  it.each([
    ["a unique violation", Object.assign(new Error("duplicate key"), { code: "23505", severity: "ERROR" })],
    ["a serialization failure", Object.assign(new Error("could not serialize"), { code: "40001", severity: "ERROR" })],
    ["a plain bug", new TypeError("x is undefined")],
    ["a missing file", Object.assign(new Error("ENOENT: no such file or directory, open 'x'"), { code: "ENOENT", syscall: "open" })],
  ])("%s stays a 500", async (_name, error) => {
    const { problemFromError } = await import("../../lib/server/api/problem.ts");
    expect(problemFromError(error).status).toBe(500);
  });
});

describe("an unreachable database", () => {
  it.each([
    ["over TCP", "U-1", ""],
    ["through a Unix socket no server listens on", "U-2", "?host=%2Ftmp"],
  ])("%s answers writes and reads 503 problem+json with Retry-After, and the retry posts once", async (_how, line, socket) => {
    const dead = new pg.Pool({ connectionString: `postgresql://concord:concord@127.0.0.1:${await freePort()}/gone${socket}` });
    const key = `unreachable-${line}`;
    const { write, read } = await withAppPool(dead, async () => {
      const { GET } = await import("../../app/api/v1/skus/[sku]/warehouse/route.ts");
      const view = await GET(new Request("http://concord.test/api/v1/skus/T-FIFO/warehouse", { headers: { authorization: `Bearer ${demoUser("sales").token}` } }), {
        params: Promise.resolve({ sku: "T-FIFO" }),
      });
      return { write: await postEvent(reserve(line), key), read: { status: view.status, headers: view.headers, body: (await view.json()) as Record<string, unknown> } };
    });
    expectUnavailable(write);
    expectUnavailable(read);
    expect(await written(line, key)).toEqual({ groups: [], record: undefined });
    const retry = await postEvent(reserve(line), key);
    expect(retry.status).toBe(201);
    expect((await written(line, key)).groups).toHaveLength(1);
  });

  it("a server action says to try again instead of failing", async () => {
    const { postEventAction } = await import("../../app/actions/ledger-actions.ts");
    const user = demoUser("sales");
    session.user = { id: user.id, email: user.email, name: user.name, role: user.role };
    const dead = new pg.Pool({ connectionString: `postgresql://concord:concord@127.0.0.1:${await freePort()}/gone` });
    const event = { type: "reserve", sku: "T-FIFO", qty: 1, location: "WH-EAST", channel: "web", orderLine: "SO-ACT-1" };
    const result = await withAppPool(dead, () => postEventAction({ idempotencyKey: "action-unavailable-1", event }));
    expect(result).toMatchObject({ ok: false, code: "unavailable", message: expect.stringMatching(/try again/i) });
    expect(await postEventAction({ idempotencyKey: "action-unavailable-1", event })).toMatchObject({ ok: true });
  });

  it("too many connections (53300, a resource refusal) answers 503 with a longer hint", async () => {
    const role = `limited_${Date.now().toString(36)}`;
    await f.query(`CREATE ROLE ${role} LOGIN PASSWORD 'limited' CONNECTION LIMIT 0`);
    try {
      const url = new URL(f.url);
      url.username = role;
      url.password = "limited";
      const answer = await withAppPool(new pg.Pool({ connectionString: url.toString() }), () => postEvent(reserve("U-2"), "limited-1"));
      expectUnavailable(answer);
      expect(answer.headers.get("retry-after")).toBe("10");
    } finally {
      await f.query(`DROP ROLE ${role}`);
    }
  });
});

describe("a connection lost mid-request", () => {
  it("a backend terminated inside the transaction answers 503, wrote nothing, and the retry posts once", async () => {
    // Writes to the ledger wait behind this lock, so the request is caught inside its transaction.
    const locker = new pg.Client({ connectionString: f.url });
    await locker.connect();
    await locker.query("BEGIN; LOCK TABLE ledger_event IN EXCLUSIVE MODE");
    const key = "terminated-1";
    let answer: Answer | null = null;
    let terminated = 0;
    try {
      const pending = postEvent(reserve("T-1", 3), key);
      for (let waited = 0; terminated === 0 && waited < 10_000; waited += 20) {
        const rows = await locker.query<{ done: boolean }>(
          `SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
        );
        terminated = rows.rows.filter((row) => row.done).length;
        if (!terminated) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      // Bounded, so that a request that never answers fails here instead of holding the lock for the next tests.
      answer = await Promise.race([pending, new Promise<null>((resolve) => setTimeout(() => resolve(null), 15_000))]);
    } finally {
      await locker.query("ROLLBACK").catch(() => {});
      await locker.end();
    }
    expect(terminated).toBe(1);
    if (!answer) throw new Error("the request never answered after its connection was terminated");
    expectUnavailable(answer);
    expect(await written("T-1", key)).toEqual({ groups: [], record: undefined });
    const retry = await postEvent(reserve("T-1", 3), key);
    expect(retry.status).toBe(201);
    const again = await postEvent(reserve("T-1", 3), key);
    expect([again.status, again.headers.get("idempotent-replayed"), again.body.group]).toEqual([201, "true", retry.body.group]);
    expect((await written("T-1", key)).groups).toEqual([{ group_id: retry.body.group, legs: 1 }]);
  });

  it("backends killed at random moments under load: 201 or 503, never 500; each key whole or absent, then posted once", async () => {
    const { closePool, pool } = await import("../../lib/server/sql.ts");
    await closePool(); // a fresh pool, so that every connection it opens is seen below
    const pids = new Set<number>();
    pool().on("connect", (client) => {
      pids.add((client as unknown as { processID: number }).processID);
      // A backend killed while pool.query holds its client can raise a second 'error' after the
      // pool's one-shot listener has gone; Next.js logs such an uncaught error and serves on,
      // Vitest would fail the file for it. This listener stands in for Next's handler.
      client.on("error", () => {});
    });
    const killer = new pg.Client({ connectionString: f.url });
    await killer.connect();
    let killing = true;
    let kills = 0;
    const killLoop = (async () => {
      while (killing) {
        const victims = [...pids].filter(() => Math.random() < 0.3);
        if (victims.length) {
          const rows = await killer.query<{ done: boolean }>("SELECT pg_terminate_backend(pid) AS done FROM unnest($1::int[]) pid", [victims]);
          kills += rows.rows.filter((row) => row.done).length;
        }
        await new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 15));
      }
    })();
    const keys = Array.from({ length: 60 }, (_, i) => ({ key: `storm-${i}`, reference: `S-${i}`, qty: 1 + (i % 3) }));
    const answers = await Promise.all(keys.map(({ key, reference, qty }) => postEvent(reserve(reference, qty), key)));
    killing = false;
    await killLoop;
    await killer.end();

    expect(kills).toBeGreaterThan(0);
    expect(answers.filter((a) => a.status !== 201 && a.status !== 503)).toEqual([]);
    const unavailable = keys.filter((_, i) => answers[i].status === 503);
    for (const answer of answers.filter((a) => a.status === 503)) expectUnavailable(answer);
    for (const { key, reference } of unavailable) {
      // Broken off before, during or after COMMIT: either the whole group with its stored answer, or nothing.
      const { groups, record } = await written(reference, key);
      if (record) expect(groups).toEqual([{ group_id: record.response?.group, legs: record.response?.events.length }]);
      else expect(groups).toEqual([]);
    }
    for (const { key, reference, qty } of unavailable) {
      const retry = await postEvent(reserve(reference, qty), key);
      expect(retry.status).toBe(201);
    }
    for (const { key, reference } of keys) expect((await written(reference, key)).groups).toHaveLength(1);
    expect(await f.verify()).toEqual([]);
  });
});

describe("a client that disconnects mid-request", () => {
  it("a body cut off before its end is refused without a 500 and writes nothing; the retry posts once", async () => {
    const key = "cut-off-1";
    const full = reserve("C-1");
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(full.slice(0, 30)));
        controller.error(new Error("aborted"));
      },
    });
    const answer = await postEvent(body, key, { duplex: "half" } as RequestInit);
    expect([answer.status, answer.body.code]).toEqual([400, "invalid_input"]);
    expect(await written("C-1", key)).toEqual({ groups: [], record: undefined });
    expect((await postEvent(full, key)).status).toBe(201);
    expect((await written("C-1", key)).groups).toHaveLength(1);
  });
});

/** A TCP proxy to the test database that can stop passing answers back (a frozen server, a link gone silent). */
async function silentProxy(target: string) {
  const net = await import("node:net");
  const to = new URL(target);
  let silent = false;
  const held = new Set<import("node:net").Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(to.port), to.hostname);
    client.pipe(upstream);
    upstream.pipe(client);
    const gone = () => (client.destroy(), upstream.destroy());
    client.on("error", gone).on("close", gone);
    upstream.on("error", gone).on("close", gone);
    held.add(upstream);
    if (silent) upstream.pause();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = new URL(target);
  url.port = String((server.address() as { port: number }).port);
  return {
    url: url.toString(),
    /** The server still receives and runs every statement; nothing it answers gets back. */
    silence: () => {
      silent = true;
      for (const socket of held) socket.pause();
    },
    close: () => new Promise<void>((resolve) => {
      for (const socket of held) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

describe("a database that stops answering", () => {
  it("a statement unanswered past DATABASE_QUERY_TIMEOUT_MS answers 503 in time; the retry posts once, whether or not the COMMIT had landed", async () => {
    const { poolConfig } = await import("../../lib/server/sql.ts");
    const proxy = await silentProxy(f.url);
    try {
      const answers = await withAppPool(new pg.Pool(poolConfig(proxy.url, 1_000, 1_000)), async () => {
        expect((await postEvent(reserve("Q-0"), "silent-0")).status).toBe(201); // the way works
        proxy.silence();
        const started = Date.now();
        const cut = await Promise.all([postEvent(reserve("Q-1"), "silent-1"), postEvent(reserve("Q-2"), "silent-2")]);
        return { cut, ms: Date.now() - started };
      });
      for (const answer of answers.cut) expectUnavailable(answer);
      expect(answers.ms).toBeLessThan(6_000);
    } finally {
      await proxy.close();
    }
    for (const [reference, key] of [["Q-1", "silent-1"], ["Q-2", "silent-2"]]) {
      // The statements reached the server: the group may have committed (then the retry replays its answer) or not.
      const retry = await postEvent(reserve(reference), key);
      expect(retry.status).toBe(201);
      expect((await written(reference, key)).groups).toEqual([{ group_id: retry.body.group, legs: 1 }]);
    }
  });
});

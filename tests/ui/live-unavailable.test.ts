// /api/live when the database cannot serve: 503 problem+json `unavailable` with
// Retry-After, for the stream (GET) and for the probe the error screen makes (HEAD).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { ledgerFixture, type LedgerFixture } from "../helpers/ledger-fixture.ts";
import { freePort } from "../../scripts/lib/embedded-db.ts";
import { demoUser } from "../../prisma/demo-users.ts";
import { env } from "../../lib/env.ts";

let f: LedgerFixture;
beforeAll(async () => {
  f = await ledgerFixture();
});
afterAll(async () => {
  const { closeHub } = await import("../../lib/server/live/hub.ts");
  await closeHub();
  await f?.drop();
});

const holder = globalThis as unknown as { concordLiveHub?: unknown; concordPool?: { url: string; pool: pg.Pool } };

let stub: unknown = null;

/** A LISTEN connection that cannot be made: the hub's connect refused, as with the database down. */
function refusingHub() {
  const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
  stub = holder.concordLiveHub = { url: env().DATABASE_URL, subscribe: () => Promise.reject(refused), close: async () => {} };
}
afterEach(() => {
  // Only the stand-in goes; the real hub, once made, is closed before the database is dropped.
  if (stub && holder.concordLiveHub === stub) holder.concordLiveHub = undefined;
  stub = null;
});

async function live(method: "GET" | "HEAD", headers: Record<string, string> = { authorization: `Bearer ${demoUser("warehouse").token}` }) {
  const { GET, HEAD } = await import("../../app/api/live/route.ts");
  const controller = new AbortController();
  const response = await (method === "GET" ? GET : HEAD)(new Request("http://concord.test/api/live", { method, headers, signal: controller.signal }));
  return { response, stop: () => controller.abort() };
}

async function expectUnavailable(response: Response) {
  expect(response.status).toBe(503);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(await response.json()).toMatchObject({ code: "unavailable", status: 503 });
}

describe("/api/live without LISTEN", () => {
  it("answers the stream 503 'unavailable' with Retry-After", async () => {
    refusingHub();
    const { response } = await live("GET");
    await expectUnavailable(response);
    expect(response.headers.get("retry-after")).toBe("2");
  });

  it("answers the probe the same, signed in or not (an outage reads as no session)", async () => {
    refusingHub();
    await expectUnavailable((await live("HEAD")).response);
    await expectUnavailable((await live("HEAD", {})).response);
  });
});

describe("HEAD /api/live", () => {
  it("is 200 without a body when a stream could open", async () => {
    const { response, stop } = await live("HEAD");
    expect(response.status).toBe(200);
    expect(response.body).toBeNull();
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    stop();
  });

  it("is 401, not an outage, without credentials", async () => {
    expect((await live("HEAD", {})).response.status).toBe(401);
  });

  it("is 503 when the session or token cannot be read", async () => {
    const { pool } = await import("../../lib/server/sql.ts");
    pool();
    const real = holder.concordPool!;
    const dead = new pg.Pool({ connectionString: `postgresql://concord:concord@127.0.0.1:${await freePort()}/gone` });
    holder.concordPool = { url: real.url, pool: dead };
    try {
      await expectUnavailable((await live("HEAD")).response);
    } finally {
      holder.concordPool = real;
      await dead.end().catch(() => {});
    }
  });
});

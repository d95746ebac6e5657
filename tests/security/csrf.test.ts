// Cross-site request forgery: a write that rests on the session cookie must come
// from Concord's own origin, and JSON routes refuse other content types with 415.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ledgerFixture, type LedgerFixture } from "../helpers/ledger-fixture.ts";
import { demoUser } from "../../prisma/demo-users.ts";
import type { Role } from "../../lib/domain/roles.ts";

// The browser session, as the cookie would give it: the signed-in user is whoever the test says.
const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string; role: Role } }));
vi.mock("@/lib/server/session", () => ({ currentUser: async () => session.user }));

let f: LedgerFixture;
beforeAll(async () => {
  f = await ledgerFixture();
  const admin = demoUser("admin");
  session.user = { id: admin.id, email: admin.email, name: admin.name, role: admin.role };
});
afterAll(() => f?.drop());

const cookie = { cookie: "next-auth.session-token=whatever", host: "concord.test" };
const channel = (code: string) => ({ code, name: `Channel ${code}` });

async function channelExists(code: string): Promise<boolean> {
  return (await f.query<{ n: number }>("SELECT count(*)::int AS n FROM channel WHERE code = $1", code))[0].n === 1;
}

describe("cookie-authenticated writes", () => {
  it.each([
    ["another port of the same host", "http://concord.test:8080"],
    ["another site", "https://evil.example"],
    ["a sandboxed frame", "null"],
  ])("from %s are refused with 403 and write nothing", async (_what, origin) => {
    const response = await f.call(null, "POST", "/api/v1/channels", channel("csrf-a"), { ...cookie, origin });
    expect([response.status, response.body.code]).toEqual([403, "forbidden"]);
    expect(await channelExists("csrf-a")).toBe(false);
  });

  it("without an Origin header are refused too", async () => {
    const response = await f.call(null, "POST", "/api/v1/channels", channel("csrf-b"), cookie);
    expect([response.status, response.body.code]).toEqual([403, "forbidden"]);
    expect(await channelExists("csrf-b")).toBe(false);
  });

  it("a finance decision on a pending approval is refused from another origin", async () => {
    const response = await f.call(null, "POST", "/api/v1/approvals/00000000-0000-4000-8000-000000000000/reject", undefined, { ...cookie, origin: "http://concord.test:3001" });
    expect([response.status, response.body.code]).toEqual([403, "forbidden"]);
  });

  it("from the app's own origin go through", async () => {
    const response = await f.call(null, "POST", "/api/v1/channels", channel("csrf-c"), { ...cookie, origin: "http://concord.test" });
    expect(response.status).toBe(201);
    expect(await channelExists("csrf-c")).toBe(true);
  });

  it("reads need no Origin", async () => {
    expect((await f.call(null, "GET", "/api/v1/channels", undefined, { ...cookie, origin: "https://evil.example" })).status).toBe(200);
  });

  it("a bearer token needs no Origin: a browser cannot attach one cross-site", async () => {
    expect((await f.call("admin", "POST", "/api/v1/channels", channel("csrf-d"), { origin: "https://evil.example" })).status).toBe(201);
  });
});

describe("JSON routes take JSON only", () => {
  it.each(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])("refuses %s with 415", async (type) => {
    const response = await f.call("admin", "POST", "/api/v1/channels", JSON.stringify(channel("csrf-e")), { "content-type": type });
    expect([response.status, response.body.code]).toEqual([415, "unsupported_media_type"]);
    expect(await channelExists("csrf-e")).toBe(false);
  });

  it("refuses an event posted as text/plain", async () => {
    const response = await f.call("finance", "POST", "/api/v1/events", JSON.stringify({ type: "period.close", period: "2024-01" }), {
      "content-type": "text/plain",
      "idempotency-key": "csrf-event",
    });
    expect([response.status, response.body.code]).toEqual([415, "unsupported_media_type"]);
  });

  it("refuses a JSON body sent without a Content-Type", async () => {
    const { POST } = await import("../../app/api/v1/channels/route.ts");
    const request = new Request("http://concord.test/api/v1/channels", {
      method: "POST",
      headers: { authorization: `Bearer ${demoUser("admin").token}` },
      body: new Blob([JSON.stringify(channel("csrf-f"))]),
    });
    const response = await POST(request, { params: Promise.resolve({}) });
    expect(response.status).toBe(415);
    expect(await channelExists("csrf-f")).toBe(false);
  });

  it("accepts application/json with a charset, and a body-less decision without a type", async () => {
    expect((await f.call("admin", "POST", "/api/v1/channels", channel("csrf-g"), { "content-type": "application/json; charset=utf-8" })).status).toBe(201);
    const { POST } = await import("../../app/api/v1/approvals/[id]/reject/route.ts");
    const request = new Request("http://concord.test/api/v1/approvals/00000000-0000-4000-8000-000000000000/reject", {
      method: "POST",
      headers: { authorization: `Bearer ${demoUser("finance").token}` },
    });
    // Not a 415: the request is judged on its merits (there is no such approval).
    expect((await POST(request, { params: Promise.resolve({ id: "00000000-0000-4000-8000-000000000000" }) })).status).toBe(404);
  });
});

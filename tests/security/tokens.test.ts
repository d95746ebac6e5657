// API tokens: authentication is a read (last use recorded at most once a minute,
// off the request's path); a person issues their own tokens, an admin only a
// service account's; one live name per user.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { expectOk, ledgerFixture, stock, type LedgerFixture } from "../helpers/ledger-fixture.ts";
import { demoUser } from "../../prisma/demo-users.ts";
import type { Role } from "../../lib/domain/roles.ts";

const acting = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string; role: Role } }));
vi.mock("@/lib/server/session", () => ({ currentUser: async () => acting.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

function actAs(role: Role, second = false) {
  const user = demoUser(role, second);
  acting.user = { id: user.id, email: user.email, name: user.name, role: user.role };
}

let f: LedgerFixture;
beforeAll(async () => {
  f = await ledgerFixture();
  // Counts every UPDATE of api_token rows: the test's witness that reads stay reads.
  await f.prisma.$executeRawUnsafe(`
    CREATE TABLE token_writes (n int NOT NULL);
    INSERT INTO token_writes VALUES (0);
    CREATE FUNCTION count_token_write() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN UPDATE token_writes SET n = n + 1; RETURN NEW; END $$;
    CREATE TRIGGER count_token_write AFTER UPDATE ON api_token FOR EACH ROW EXECUTE FUNCTION count_token_write();`);
});
afterAll(() => f?.drop());

async function writes(): Promise<number> {
  const { settleTokenUse } = await import("../../lib/server/auth/token-use.ts");
  await settleTokenUse();
  return (await f.query<{ n: number }>("SELECT n FROM token_writes"))[0].n;
}

async function lastUsed(role: Role): Promise<Date | null> {
  const [row] = await f.query<{ at: Date | null }>("SELECT last_used_at AS at FROM api_token WHERE user_id = $1::uuid", demoUser(role).id);
  return row.at;
}

describe("authentication is a read", () => {
  it("twenty parallel requests with a fresh token write its last use once", async () => {
    const before = await writes();
    const statuses = await Promise.all(Array.from({ length: 20 }, () => f.call("sales", "GET", "/api/v1/channels")));
    expect(statuses.every((r) => r.status === 200)).toBe(true);
    expect((await writes()) - before).toBe(1);
    expect(await lastUsed("sales")).toBeInstanceOf(Date);
  });

  it("within the minute, requests write nothing at all", async () => {
    const before = await writes();
    for (let i = 0; i < 10; i++) expect((await f.call("sales", "GET", "/api/v1/channels")).status).toBe(200);
    expect(await writes()).toBe(before);
  });

  it("a use more than a minute after the last one is recorded again", async () => {
    await f.query("UPDATE api_token SET last_used_at = now() - interval '2 minutes' WHERE user_id = $1::uuid", demoUser("sales").id);
    const stale = await lastUsed("sales");
    const before = await writes();
    await Promise.all(Array.from({ length: 5 }, () => f.call("sales", "GET", "/api/v1/channels")));
    expect((await writes()) - before).toBe(1);
    expect((await lastUsed("sales"))!.getTime()).toBeGreaterThan(stale!.getTime() + 60_000);
  });

  it("a revoked token is refused on the very next request (nothing is cached)", async () => {
    expect((await f.call("warehouse_2", "GET", "/api/v1/channels")).status).toBe(200);
    await f.query("UPDATE api_token SET revoked_at = now() WHERE user_id = $1::uuid", demoUser("warehouse", true).id);
    const refused = await f.call("warehouse_2", "GET", "/api/v1/channels");
    expect([refused.status, refused.body.code]).toEqual([401, "unauthenticated"]);
  });
});

// POST /api/v1/events takes a token's user from its last read; the transaction that
// posts the event checks, before it writes, that the token still stands for that user.
describe("an event's token is checked by the transaction that posts it", () => {
  const reserve = (orderLine: string) => ({ type: "reserve", sku: "T-AVG", qty: 1, location: "WH-EAST", channel: "web", orderLine });
  const eventsBy = async (who: Role, second: boolean) =>
    Number((await f.query<{ n: bigint }>("SELECT count(*) AS n FROM ledger_event WHERE actor_id = $1::uuid", demoUser(who, second).id))[0].n);
  const keys = async (key: string) => Number((await f.query<{ n: bigint }>("SELECT count(*) AS n FROM idempotency_record WHERE key = $1", key))[0].n);
  const setRole = (who: Role, role: Role) => f.query(`UPDATE app_user SET role = '${role}' WHERE id = $1::uuid`, demoUser(who, true).id);

  beforeAll(async () => {
    await stock(f, "T-AVG", 100);
  });

  it("a token revoked after it posted is refused on the very next event and its replay, with nothing written", async () => {
    expectOk(await f.post("sales_2", reserve("SO-TOK-1"), "tok-1"));
    expectOk(await f.post("sales_2", reserve("SO-TOK-2"), "tok-2"));
    const before = await eventsBy("sales", true);
    await f.query("UPDATE api_token SET revoked_at = now() WHERE user_id = $1::uuid", demoUser("sales", true).id);
    const refused = await f.post("sales_2", reserve("SO-TOK-3"), "tok-3");
    expect([refused.status, refused.body.code]).toEqual([401, "unauthenticated"]);
    const replay = await f.post("sales_2", reserve("SO-TOK-2"), "tok-2");
    expect([replay.status, replay.body.code]).toEqual([401, "unauthenticated"]);
    expect(await eventsBy("sales", true)).toBe(before);
    expect(await keys("tok-3")).toBe(0);
  });

  it("in one group transaction, a revoked token's events are refused, the others commit, and its keys stay free for a retry", async () => {
    expectOk(await f.post("sales", reserve("SO-GRP-0"), "grp-warm"));
    const sent = Array.from({ length: 12 }, (_, i) => ({ who: i % 2 ? ("sales" as const) : ("sales_2" as const), key: `grp-${i}` }));
    const answers = await Promise.all(sent.map(({ who, key }) => f.post(who, reserve(`SO-GRP-${key}`), key)));
    expect(answers.map((a) => a.status)).toEqual(sent.map(({ who }) => (who === "sales" ? 201 : 401)));
    for (const { who, key } of sent) expect(await keys(key)).toBe(who === "sales" ? 1 : 0);
    // Live again: the same keys post (no replay, no conflict).
    await f.query("UPDATE api_token SET revoked_at = NULL WHERE user_id = $1::uuid", demoUser("sales", true).id);
    const retried = await Promise.all(sent.filter(({ who }) => who === "sales_2").map(({ key }) => f.post("sales_2", reserve(`SO-GRP-${key}`), key)));
    expect(retried.map((a) => a.status)).toEqual(Array(6).fill(201));
  });

  it("a deactivated user's token is refused on the next event", async () => {
    expectOk(await f.post("sales_2", reserve("SO-ACT-1"), "act-1"));
    await f.query("UPDATE app_user SET active = false WHERE id = $1::uuid", demoUser("sales", true).id);
    const refused = await f.post("sales_2", reserve("SO-ACT-2"), "act-2");
    expect([refused.status, refused.body.code]).toEqual([401, "unauthenticated"]);
    expect(await keys("act-2")).toBe(0);
  });

  it("a user given another role acts in it from the next event: a permission gained is used, one lost refused", async () => {
    // Finance may not reserve; once given the sales role it may, at once.
    expectOk(await f.post("finance_2", { type: "po.confirm", sku: "T-AVG", qty: 5, location: "WH-EAST", reference: "PO-TOK", unitCost: "3.00", eta: "2026-01-05T00:00:00Z", fob: "destination", supplier: "Acme" }));
    await setRole("finance", "sales");
    const gained = await f.post("finance_2", reserve("SO-ROLE-1"), "role-1");
    expect(gained.status).toBe(201);
    expect(gained.body.event).toMatchObject({ actorId: demoUser("finance", true).id });
    // Remembered as sales now; given the warehouse role, it may no longer reserve.
    await setRole("finance", "warehouse");
    const lost = await f.post("finance_2", reserve("SO-ROLE-2"), "role-2");
    expect([lost.status, lost.body.code]).toEqual([403, "forbidden"]);
    expect(await keys("role-2")).toBe(0);
  });
});

describe("who issues tokens", () => {
  it("an admin cannot issue a token for a person, and sees a clear reason", async () => {
    const { issueTokenAction } = await import("../../app/actions/admin-actions.ts");
    actAs("admin");
    const refused = await issueTokenAction({ userId: demoUser("finance").id, name: "act as finance" });
    expect(refused).toMatchObject({ ok: false, code: "forbidden", fields: { userId: ["choose a service account"] } });
    const [row] = await f.query<{ n: number }>("SELECT count(*)::int AS n FROM api_token WHERE name = 'act as finance'");
    expect(row.n).toBe(0);
  });

  it("an admin creates a service account (no password, cannot sign in) and issues its token, which acts with its role", async () => {
    const { createUserAction, issueTokenAction } = await import("../../app/actions/admin-actions.ts");
    actAs("admin");
    const created = await createUserAction({ kind: "service", name: "Shop sync", email: "shop-sync@concord.test", role: "warehouse" });
    if (!created.ok) throw new Error(created.message);
    const [account] = await f.query<{ kind: string; password_hash: string | null }>("SELECT kind::text, password_hash FROM app_user WHERE id = $1::uuid", created.data.id);
    expect(account).toEqual({ kind: "service", password_hash: null });

    const issued = await issueTokenAction({ userId: created.data.id, name: "shopify" });
    if (!issued.ok) throw new Error(issued.message);
    const asService = { authorization: `Bearer ${issued.data.token}` };
    expect((await f.call(null, "GET", "/api/v1/skus/T-STD/warehouse", undefined, asService)).status).toBe(200);
    expect((await f.call(null, "POST", "/api/v1/skus", { sku: "NOPE", name: "n", costingMethod: "fifo" }, asService)).status).toBe(403);

    const { passwordSignIn } = await import("../../lib/server/auth/sign-in.ts");
    expect(await passwordSignIn({ email: "shop-sync@concord.test", password: "anything at all" }, "10.9.9.9")).toMatchObject({ ok: false });
  });

  it("a service account has no password to reset, and a person must have one", async () => {
    const { createUserAction, resetPasswordAction } = await import("../../app/actions/admin-actions.ts");
    actAs("admin");
    const service = await createUserAction({ kind: "service", name: "Feed", email: "feed@concord.test", role: "sales" });
    if (!service.ok) throw new Error(service.message);
    expect(await resetPasswordAction({ userId: service.data.id, password: "twelve chars long" })).toMatchObject({ ok: false, fields: { password: [expect.any(String)] } });
    expect(await createUserAction({ kind: "human", name: "P", email: "p@concord.test", role: "sales" })).toMatchObject({ ok: false, fields: { password: [expect.any(String)] } });
    // The database holds the rule too.
    await expect(f.query("UPDATE app_user SET password_hash = NULL WHERE email = 'sales@concord.test'")).rejects.toThrow(/app_user_password_by_kind/);
  });

  it("a person issues their own token on their profile; it acts as them", async () => {
    const { issueOwnTokenAction } = await import("../../app/actions/profile-actions.ts");
    actAs("finance");
    const issued = await issueOwnTokenAction({ name: "month-end script" });
    if (!issued.ok) throw new Error(issued.message);
    expect(issued.data).toMatchObject({ name: "month-end script", userName: demoUser("finance").name });
    const [row] = await f.query<{ user_id: string }>("SELECT user_id::text FROM api_token WHERE id = $1::uuid", issued.data.id);
    expect(row.user_id).toBe(demoUser("finance").id);
    // The input has no user to choose: a userId is refused as an unknown field.
    expect(await issueOwnTokenAction({ name: "x", userId: demoUser("finance", true).id })).toMatchObject({ ok: false, code: "invalid_input" });
  });

  it("a person revokes their own tokens only", async () => {
    const { issueOwnTokenAction, revokeOwnTokenAction } = await import("../../app/actions/profile-actions.ts");
    actAs("sales");
    const own = await issueOwnTokenAction({ name: "mine" });
    if (!own.ok) throw new Error(own.message);
    actAs("sales", true);
    expect(await revokeOwnTokenAction({ tokenId: own.data.id })).toMatchObject({ ok: false, code: "conflict" });
    actAs("sales");
    expect(await revokeOwnTokenAction({ tokenId: own.data.id })).toMatchObject({ ok: true });
  });

  it("refuses a second live token with the same name for one user, with a field error; a revoked name is free again", async () => {
    const { issueOwnTokenAction, revokeOwnTokenAction } = await import("../../app/actions/profile-actions.ts");
    actAs("warehouse");
    const first = await issueOwnTokenAction({ name: "scanner" });
    if (!first.ok) throw new Error(first.message);
    expect(await issueOwnTokenAction({ name: "scanner" })).toMatchObject({ ok: false, code: "conflict", fields: { name: ["a live token already has this name"] } });
    // Another user may use the name.
    actAs("warehouse", true);
    expect(await issueOwnTokenAction({ name: "scanner" })).toMatchObject({ ok: true });
    actAs("warehouse");
    expect(await revokeOwnTokenAction({ tokenId: first.data.id })).toMatchObject({ ok: true });
    expect(await issueOwnTokenAction({ name: "scanner" })).toMatchObject({ ok: true });
  });
});

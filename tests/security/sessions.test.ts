// Sessions end when they should: signing out ends the session on the server, and a
// password reset, a role change or a deactivation ends the user's sessions and
// revokes their API tokens at once.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { JWT } from "next-auth/jwt";
import type { Session } from "next-auth";
import { ledgerFixture, type LedgerFixture } from "../helpers/ledger-fixture.ts";
import { demoUser } from "../../prisma/demo-users.ts";
import type { Role } from "../../lib/domain/roles.ts";

// The admin acting in the server actions is whoever the test says.
const acting = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string; role: Role } }));
vi.mock("@/lib/server/session", () => ({ currentUser: async () => acting.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

let f: LedgerFixture;
beforeAll(async () => {
  f = await ledgerFixture();
  const admin = demoUser("admin");
  acting.user = { id: admin.id, email: admin.email, name: admin.name, role: admin.role };
});
afterAll(() => f?.drop());

/** What getServerSession hands the app for a cookie naming this session: the account while the row is live. */
async function sessionOf(token: JWT): Promise<Session["account"]> {
  const { authOptions } = await import("../../lib/server/auth-options.ts");
  const session = await authOptions.callbacks!.session!({ session: { expires: "2099-01-01T00:00:00Z" }, token } as never);
  return (session as Session).account;
}

async function signedIn(role: Role, second = false): Promise<JWT> {
  const { createSession } = await import("../../lib/server/auth/sessions.ts");
  const user = demoUser(role, second);
  return { sub: user.id, sid: await createSession(user.id) };
}

async function tokenWorks(role: Role, second = false): Promise<number> {
  return (await f.call(second ? (`${role}_2` as const) : role, "GET", "/api/v1/channels")).status;
}

it("a live session yields its user; a cookie without a session id, or with another user's, yields nobody", async () => {
  const token = await signedIn("sales");
  expect(await sessionOf(token)).toMatchObject({ id: demoUser("sales").id, role: "sales" });
  expect(await sessionOf({ sub: demoUser("sales").id })).toBeUndefined();
  expect(await sessionOf({ ...token, sub: demoUser("finance").id })).toBeUndefined();
});

it("signing out ends the session on the server: a copy of the cookie no longer signs anyone in", async () => {
  const { authOptions } = await import("../../lib/server/auth-options.ts");
  const token = await signedIn("sales");
  const other = await signedIn("sales");
  await authOptions.events!.signOut!({ token, session: null as never });
  expect(await sessionOf(token)).toBeUndefined();
  // Only that session: the same person signed in elsewhere stays signed in.
  expect(await sessionOf(other)).toMatchObject({ role: "sales" });
});

it("an expired session is refused whatever the cookie says", async () => {
  const token = await signedIn("warehouse");
  await f.query("UPDATE user_session SET expires_at = now() - interval '1 second' WHERE id = $1::uuid", token.sid);
  expect(await sessionOf(token)).toBeUndefined();
});

describe("account changes end sessions and revoke tokens at once", () => {
  it("a role change", async () => {
    const { changeRoleAction } = await import("../../app/actions/admin-actions.ts");
    const session = await signedIn("warehouse", true);
    expect(await tokenWorks("warehouse", true)).toBe(200);
    expect(await changeRoleAction({ userId: demoUser("warehouse", true).id, role: "sales" })).toMatchObject({ ok: true });
    expect(await sessionOf(session)).toBeUndefined();
    expect(await tokenWorks("warehouse", true)).toBe(401);
  });

  it("a deactivation", async () => {
    const { setUserActiveAction } = await import("../../app/actions/admin-actions.ts");
    const session = await signedIn("sales", true);
    expect(await tokenWorks("sales", true)).toBe(200);
    expect(await setUserActiveAction({ userId: demoUser("sales", true).id, active: false })).toMatchObject({ ok: true });
    expect(await sessionOf(session)).toBeUndefined();
    expect(await tokenWorks("sales", true)).toBe(401);
    // Reactivating restores neither: the tokens stay revoked, the old cookie stays dead.
    expect(await setUserActiveAction({ userId: demoUser("sales", true).id, active: true })).toMatchObject({ ok: true });
    expect(await tokenWorks("sales", true)).toBe(401);
    expect(await sessionOf(session)).toBeUndefined();
  });

  it("a password reset", async () => {
    const { resetPasswordAction } = await import("../../app/actions/admin-actions.ts");
    const session = await signedIn("finance", true);
    const bystander = await signedIn("finance");
    expect(await tokenWorks("finance", true)).toBe(200);
    expect(await resetPasswordAction({ userId: demoUser("finance", true).id, password: "a brand new passphrase" })).toMatchObject({ ok: true });
    expect(await sessionOf(session)).toBeUndefined();
    expect(await tokenWorks("finance", true)).toBe(401);
    // Nobody else is touched.
    expect(await sessionOf(bystander)).toMatchObject({ role: "finance" });
    expect(await tokenWorks("finance")).toBe(200);
  });

  it("changing a role to the one it already is changes nothing", async () => {
    const { changeRoleAction } = await import("../../app/actions/admin-actions.ts");
    const session = await signedIn("finance");
    expect(await changeRoleAction({ userId: demoUser("finance").id, role: "finance" })).toMatchObject({ ok: true });
    expect(await sessionOf(session)).toMatchObject({ role: "finance" });
    expect(await tokenWorks("finance")).toBe(200);
  });
});

it("the session cookie is next-auth's JWT naming the session row, which getServerSession can read", async () => {
  const { sessionCookieValue } = await import("../../lib/server/auth/session-cookie.ts");
  const { decode } = await import("next-auth/jwt");
  const token = await signedIn("admin");
  const value = await sessionCookieValue(token.sid!, token.sub!);
  const decoded = await decode({ token: value, secret: process.env.NEXTAUTH_SECRET! });
  expect(decoded).toMatchObject({ sub: token.sub, sid: token.sid });
  expect(await sessionOf(decoded!)).toMatchObject({ role: "admin" });
});

// Brute force: failed sign-ins are counted per account and per client address in
// PostgreSQL; past the limit even the right password is refused, before any hashing.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ledgerFixture, type LedgerFixture } from "../helpers/ledger-fixture.ts";
import { demoUser } from "../../prisma/demo-users.ts";

const PASSWORD = "correct horse battery";
let f: LedgerFixture;
let signIn: typeof import("../../lib/server/auth/sign-in.ts").passwordSignIn;

beforeAll(async () => {
  f = await ledgerFixture();
  const { hashPassword } = await import("../../lib/server/passwords.ts");
  await f.query("UPDATE app_user SET password_hash = $1", await hashPassword(PASSWORD));
  ({ passwordSignIn: signIn } = await import("../../lib/server/auth/sign-in.ts"));
});
afterAll(() => f?.drop());
beforeEach(async () => {
  await f.query("DELETE FROM sign_in_failure");
});

const sales = demoUser("sales").email;
const finance = demoUser("finance").email;

describe("per account", () => {
  it("locks an account after 5 failures in 15 minutes, even for the right password, and says for how long", async () => {
    for (let i = 0; i < 5; i++) expect(await signIn({ email: sales, password: `guess ${i}` }, "10.0.0.1")).toEqual({ ok: false, message: "Email or password is wrong." });
    const locked = await signIn({ email: sales, password: PASSWORD }, "10.0.0.2");
    expect(locked).toEqual({ ok: false, message: "Too many failed sign-ins for this account. Try again in 15 minutes." });
    // Another account from the same address is not affected.
    expect(await signIn({ email: finance, password: PASSWORD }, "10.0.0.1")).toMatchObject({ ok: true, user: { email: finance, role: "finance" } });
  });

  it("the email is matched whatever its case, and unknown emails are counted too", async () => {
    for (let i = 0; i < 5; i++) await signIn({ email: i % 2 ? sales.toUpperCase() : sales, password: "nope" }, "10.0.0.3");
    expect((await signIn({ email: ` ${sales.toUpperCase()} `, password: PASSWORD }, "10.0.0.3")).ok).toBe(false);
    for (let i = 0; i < 5; i++) await signIn({ email: "nobody@concord.test", password: "nope" }, "10.0.0.3");
    expect(await signIn({ email: "nobody@concord.test", password: "nope" }, "10.0.0.3")).toMatchObject({ message: expect.stringContaining("Try again in") });
  });

  it("the lock lifts when the failures leave the window; the minutes count down", async () => {
    for (let i = 0; i < 5; i++) await signIn({ email: sales, password: "nope" }, "10.0.0.4");
    await f.query("UPDATE sign_in_failure SET failed_at = failed_at - interval '11 minutes 30 seconds'");
    expect(await signIn({ email: sales, password: PASSWORD }, "10.0.0.4")).toMatchObject({ message: expect.stringContaining("Try again in 4 minutes") });
    await f.query("UPDATE sign_in_failure SET failed_at = failed_at - interval '4 minutes'");
    expect(await signIn({ email: sales, password: PASSWORD }, "10.0.0.4")).toMatchObject({ ok: true });
  });

  it("a success forgives the account's earlier failures", async () => {
    for (let i = 0; i < 4; i++) await signIn({ email: sales, password: "nope" }, "10.0.0.5");
    expect((await signIn({ email: sales, password: PASSWORD }, "10.0.0.5")).ok).toBe(true);
    for (let i = 0; i < 4; i++) await signIn({ email: sales, password: "nope" }, "10.0.0.5");
    expect((await signIn({ email: sales, password: PASSWORD }, "10.0.0.5")).ok).toBe(true);
  });

  it("parallel guesses cannot slip past the limit: exactly 5 are checked", async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn({ email: sales, password: `parallel ${i}` }, "10.0.0.6")));
    expect(results.filter((r) => !r.ok && r.message === "Email or password is wrong.")).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.message.startsWith("Too many"))).toHaveLength(7);
    const [row] = await f.query<{ n: number }>("SELECT count(*)::int AS n FROM sign_in_failure WHERE email = $1", sales);
    expect(row.n).toBe(5);
  });
});

describe("per client address", () => {
  it("refuses an address after 50 failures in 15 minutes, for any account; other addresses still sign in", async () => {
    await f.query(
      "INSERT INTO sign_in_failure (email, address) SELECT 'user' || n || '@elsewhere.test', '192.0.2.7' FROM generate_series(1, 49) n",
    );
    // Under the limit the office still signs in.
    expect((await signIn({ email: finance, password: PASSWORD }, "192.0.2.7")).ok).toBe(true);
    expect((await signIn({ email: "someone@elsewhere.test", password: "nope" }, "192.0.2.7")).ok).toBe(false);
    const refused = await signIn({ email: sales, password: PASSWORD }, "192.0.2.7");
    expect(refused).toEqual({ ok: false, message: "Too many failed sign-ins from your network. Try again in 15 minutes." });
    expect((await signIn({ email: sales, password: PASSWORD }, "192.0.2.8")).ok).toBe(true);
  });
});

it("logs each refusal with the email and address, never the password", async () => {
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  try {
    for (let i = 0; i < 5; i++) await signIn({ email: sales, password: "hunter2-secret" }, "10.0.0.9");
    await signIn({ email: sales, password: "hunter2-secret" }, "10.0.0.9");
    const lines = warn.mock.calls.map((call) => call.map(String).join(" "));
    expect(lines).toEqual([expect.stringMatching(/refused sales@concord\.test from 10\.0\.0\.9: too many failed sign-ins for this account/)]);
    expect(lines.join("\n")).not.toContain("hunter2");
  } finally {
    warn.mockRestore();
  }
});

it("a locked attempt is refused before any password hashing", async () => {
  const passwords = await import("../../lib/server/passwords.ts");
  for (let i = 0; i < 5; i++) await signIn({ email: sales, password: "nope" }, "10.0.0.10");
  const started = performance.now();
  await Promise.all(Array.from({ length: 20 }, () => signIn({ email: sales, password: PASSWORD }, "10.0.0.10")));
  // Twenty argon2 verifications take well over a second on two cores; refusals take milliseconds.
  expect(performance.now() - started).toBeLessThan(1000);
  expect(passwords.hashingLoad().running).toBe(0);
});

it("hashing runs a few at a time, however many sign-ins arrive together", async () => {
  const passwords = await import("../../lib/server/passwords.ts");
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, passwords.hashingLoad().running)), 1);
  try {
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn({ email: `p${i}@elsewhere.test`, password: "nope" }, `10.1.0.${i}`)));
    expect(results.every((r) => !r.ok)).toBe(true);
  } finally {
    clearInterval(timer);
  }
  expect(peak).toBeGreaterThan(0);
  expect(peak).toBeLessThanOrEqual(passwords.hashingLoad().limit);
  expect(passwords.hashingLoad()).toMatchObject({ running: 0, waiting: 0 });
});

import "server-only";
import { z } from "zod";
import { db, sql } from "@/lib/server/sql";
import { PasswordHasherBusy, verifyPassword } from "@/lib/server/passwords";
import { isRole } from "@/lib/domain/roles";
import { abandoned, beginAttempt, pruneFailures, succeeded } from "./throttle";
import { pruneSessions, type SessionUser } from "./sessions";

// The one way to sign in with a password: throttle → verify (bounded hashing) →
// count the outcome. Refusals are logged with the email and address, never the password.

export const WRONG_CREDENTIALS = "Email or password is wrong.";

const CredentialsSchema = z.object({
  email: z.string().trim().toLowerCase().max(320).pipe(z.email()),
  password: z.string().min(1).max(200),
});

// A hash of nothing in particular, verified when the email is unknown (or a
// service account's) so that a wrong email and a wrong password take the same time.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Hn8mS3fG3bUXrXHLJgkBUL9G3x2Qd2x0DXRk3UoGmC0";

export type SignInResult = { ok: true; user: SessionUser } | { ok: false; message: string };

function minutes(n: number): string {
  return n === 1 ? "1 minute" : `${n} minutes`;
}

/**
 * The client's address as the nearest proxy saw it: the last entry of
 * X-Forwarded-For (Next.js sets it to the socket's address when absent). Behind
 * a proxy, the proxy must append to that header, not pass a client's value on.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",").map((part) => part.trim()).filter(Boolean);
  return (forwarded?.at(-1) ?? headers.get("x-real-ip") ?? "unknown").slice(0, 100);
}

export async function passwordSignIn(raw: { email: unknown; password: unknown }, address: string): Promise<SignInResult> {
  const parsed = CredentialsSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: WRONG_CREDENTIALS };
  const { email, password } = parsed.data;

  const attempt = await beginAttempt(email, address);
  if (!attempt.ok) {
    console.warn(`[sign-in] refused ${email} from ${address}: too many failed sign-ins for this ${attempt.scope}`);
    const whose = attempt.scope === "account" ? "for this account" : "from your network";
    return { ok: false, message: `Too many failed sign-ins ${whose}. Try again in ${minutes(attempt.retryMinutes)}.` };
  }
  // Housekeeping on a small share of attempts keeps both tables short without a scheduler.
  if (Math.random() < 0.02) await Promise.all([pruneFailures(), pruneSessions()]);

  const [user] = await db.query<{ id: string; email: string; name: string; role: string; password_hash: string | null; active: boolean }>(sql`
    SELECT id::text, email, name, role::text, password_hash, active FROM app_user WHERE email = ${email}`);
  let ok: boolean;
  try {
    ok = await verifyPassword(user?.password_hash ?? DUMMY_HASH, password);
  } catch (error) {
    if (!(error instanceof PasswordHasherBusy)) throw error;
    await abandoned(attempt.id);
    console.warn(`[sign-in] refused ${email} from ${address}: the password hasher is busy`);
    return { ok: false, message: "Sign-in is busy right now. Please try again in a moment." };
  }
  if (!user || !ok || !user.active || !user.password_hash || !isRole(user.role)) {
    // The attempt stays recorded as a failure (beginAttempt wrote it).
    return { ok: false, message: WRONG_CREDENTIALS };
  }
  await succeeded(email);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}

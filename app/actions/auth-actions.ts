"use server";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { decode } from "next-auth/jwt";
import { safeNextPath } from "@/lib/auth/next-path";
import { homePath } from "@/lib/domain/roles";
import { env } from "@/lib/env";
import { createSession, endSession, SESSION_SECONDS } from "@/lib/server/auth/sessions";
import { sessionCookie, sessionCookieValue } from "@/lib/server/auth/session-cookie";
import { clientAddress, passwordSignIn, WRONG_CREDENTIALS } from "@/lib/server/auth/sign-in";

// Sign-in and sign-out are server actions bound to plain forms: a submit before
// the page has hydrated still POSTs them (the password never travels in a URL),
// and with JavaScript the same actions run without a reload.

export type SignInField = "email" | "password";

/** What the form shows: a message per field, or one about the whole attempt (wrong pair, throttled). */
export type SignInState = {
  error: string | null;
  fields: Partial<Record<SignInField, string>>;
  email: string;
  /** The email and password do not match: neither field alone is to blame. */
  wrongPair?: boolean;
};

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Blank or malformed fields are the person's slip, told per field; they never count as a failed sign-in. */
function fieldProblems(email: string, password: string): SignInState["fields"] {
  const fields: SignInState["fields"] = {};
  if (!email.trim()) fields.email = "Enter your email";
  else if (!EMAIL_SHAPE.test(email.trim())) fields.email = "Enter an email address such as name@example.com";
  if (!password) fields.password = "Enter your password";
  return fields;
}

export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const text = (name: string) => (typeof form.get(name) === "string" ? String(form.get(name)) : "");
  const email = text("email");
  const fields = fieldProblems(email, text("password"));
  if (Object.keys(fields).length > 0) return { error: null, fields, email };
  const result = await passwordSignIn({ email, password: form.get("password") }, clientAddress(await headers()));
  if (!result.ok) return { error: result.message, fields: {}, email, wrongPair: result.message === WRONG_CREDENTIALS };
  const sessionId = await createSession(result.user.id);
  const cookie = sessionCookie();
  (await cookies()).set(cookie.name, await sessionCookieValue(sessionId, result.user.id), { ...cookie.options, maxAge: SESSION_SECONDS });
  // Back to the page that sent the visitor here (a same-origin path only), else their area.
  redirect(safeNextPath(text("next")) ?? homePath(result.user.role));
}

export async function signOutAction(): Promise<void> {
  const jar = await cookies();
  const cookie = sessionCookie();
  const value = jar.get(cookie.name)?.value;
  const token = value ? await decode({ token: value, secret: env().NEXTAUTH_SECRET }).catch(() => null) : null;
  if (token?.sid) await endSession(token.sid);
  jar.delete({ name: cookie.name, path: cookie.options.path });
  redirect("/login");
}


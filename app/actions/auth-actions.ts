"use server";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { decode } from "next-auth/jwt";
import { homePath } from "@/lib/domain/roles";
import { env } from "@/lib/env";
import { createSession, endSession, SESSION_SECONDS } from "@/lib/server/auth/sessions";
import { sessionCookie, sessionCookieValue } from "@/lib/server/auth/session-cookie";
import { clientAddress, passwordSignIn } from "@/lib/server/auth/sign-in";

// Sign-in and sign-out are server actions bound to plain forms: a submit before
// the page has hydrated still POSTs them (the password never travels in a URL),
// and with JavaScript the same actions run without a reload.

export type SignInState = { error: string | null; email: string };

export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const email = typeof form.get("email") === "string" ? String(form.get("email")) : "";
  const result = await passwordSignIn({ email, password: form.get("password") }, clientAddress(await headers()));
  if (!result.ok) return { error: result.message, email };
  const sessionId = await createSession(result.user.id);
  const cookie = sessionCookie();
  (await cookies()).set(cookie.name, await sessionCookieValue(sessionId, result.user.id), { ...cookie.options, maxAge: SESSION_SECONDS });
  redirect(homePath(result.user.role));
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


import "server-only";
import { encode } from "next-auth/jwt";
import { env } from "@/lib/env";
import { SESSION_SECONDS } from "./sessions";

// The session cookie is next-auth's (a JWT encrypted with NEXTAUTH_SECRET), so
// getServerSession reads it; Concord writes it itself after its own sign-in.

export function sessionCookie() {
  const secure = env().NEXTAUTH_URL?.startsWith("https://") ?? false;
  return {
    name: `${secure ? "__Secure-" : ""}next-auth.session-token`,
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
  };
}

/** The cookie's value for a session row: it names the row and its user, nothing more. */
export function sessionCookieValue(sessionId: string, userId: string): Promise<string> {
  return encode({ token: { sub: userId, sid: sessionId }, secret: env().NEXTAUTH_SECRET, maxAge: SESSION_SECONDS });
}

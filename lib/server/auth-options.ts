import "server-only";
import type { NextAuthOptions } from "next-auth";
import { env } from "@/lib/env";
import { SESSION_SECONDS, endSession, sessionUser, type SessionUser } from "@/lib/server/auth/sessions";
import { sessionCookie } from "@/lib/server/auth/session-cookie";
import { databaseOutage } from "@/lib/server/api/problem";

declare module "next-auth" {
  interface Session {
    /** The signed-in user while the session's row is live; absent once it has ended. */
    account?: SessionUser;
    /** The database could not say whether the session is live: not signed out, unknown for now. */
    outage?: { retryAfter: number };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    /** The user_session row this cookie belongs to. */
    sid?: string;
  }
}

// next-auth reads and clears the session cookie; it signs no one in. Sign-in is
// the server action in app/actions/auth-actions.ts (throttled, and it works
// before the page has hydrated), so there is no provider and no second way in.
export const authOptions: NextAuthOptions = {
  secret: env().NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_SECONDS },
  cookies: { sessionToken: sessionCookie() },
  pages: { signIn: "/login", signOut: "/login", error: "/login" },
  providers: [],
  callbacks: {
    // Every read of the session asks the database whether it is still live, so a
    // copied cookie stops working the moment its session ends.
    // A database that cannot answer says nothing about the session: the reader is
    // told so (and answers 503 or the outage page) instead of being signed out.
    async session({ session, token }) {
      try {
        const account = token.sid && token.sub ? await sessionUser(token.sid, token.sub) : null;
        return { expires: session.expires, ...(account ? { account } : {}) };
      } catch (error) {
        const outage = databaseOutage(error);
        if (!outage) throw error;
        return { expires: session.expires, outage: { retryAfter: outage.retryAfter } };
      }
    },
  },
  events: {
    // POST /api/auth/signout (next-auth's own endpoint) ends the session row too.
    async signOut({ token }) {
      if (token?.sid) await endSession(token.sid);
    },
  },
};

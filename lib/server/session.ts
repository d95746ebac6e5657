import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/server/auth-options";
import type { SessionUser } from "@/lib/server/auth/sessions";

export type CurrentUser = SessionUser;

/**
 * The signed-in user, read once per request. The session's row and the role
 * come from the database, not the cookie, so signing out, a role change, a
 * password reset or a deactivation takes effect at once.
 */
export const currentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(authOptions);
  // Unknown is not signed out: the page fails as an outage (503, or the outage page), not a redirect to sign-in.
  if (session?.outage) throw new DatabaseUnavailable(session.outage.retryAfter);
  return session?.account ?? null;
});

/** The database could not answer who is signed in. */
export class DatabaseUnavailable extends Error {
  readonly code = "57P03";
  constructor(readonly retryAfter: number) {
    super("The database cannot answer right now.");
    this.name = "DatabaseUnavailable";
  }
}

import "server-only";
import { db, sql, type Db } from "@/lib/server/sql";
import { isRole, type Role } from "@/lib/domain/roles";
import { isUuid } from "@/lib/domain/ids";

// Server-side sessions. The cookie is a signed JWT that names a row here; a
// session is live only while its row is, so ending the row ends every copy of
// the cookie at once (sign-out, password reset, role change, deactivation).

/** Twelve hours from sign-in, whatever the cookie says: an absolute lifetime. */
export const SESSION_SECONDS = 12 * 60 * 60;

export type SessionUser = { id: string; email: string; name: string; role: Role };

export async function createSession(userId: string, database: Db = db): Promise<string> {
  const [row] = await database.query<{ id: string }>(sql`
    INSERT INTO user_session (user_id, expires_at)
    VALUES (${userId}::uuid, now() + make_interval(secs => ${SESSION_SECONDS}))
    RETURNING id::text`);
  return row.id;
}

/** The user of a live session, or null: ended, expired, unknown, or the user is inactive. */
export async function sessionUser(sessionId: string, userId: string): Promise<SessionUser | null> {
  if (!isUuid(sessionId) || !isUuid(userId)) return null;
  const [row] = await db.query<{ id: string; email: string; name: string; role: string }>(sql`
    SELECT u.id::text, u.email, u.name, u.role::text
    FROM user_session s JOIN app_user u ON u.id = s.user_id
    WHERE s.id = ${sessionId}::uuid AND s.user_id = ${userId}::uuid
      AND s.ended_at IS NULL AND s.expires_at > now() AND u.active AND u.kind = 'human'`);
  if (!row || !isRole(row.role)) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}

export async function endSession(sessionId: string): Promise<void> {
  if (!isUuid(sessionId)) return;
  await db.query(sql`UPDATE user_session SET ended_at = now() WHERE id = ${sessionId}::uuid AND ended_at IS NULL`);
}

/** Sessions that ended or expired a day ago are kept no longer; called now and then on sign-in. */
export async function pruneSessions(): Promise<void> {
  await db.query(sql`
    DELETE FROM user_session
    WHERE coalesce(ended_at, expires_at) < now() - interval '1 day'`);
}

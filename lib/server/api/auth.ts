import "server-only";
import { createHash } from "node:crypto";
import { db, sql } from "@/lib/server/sql";
import { currentUser } from "@/lib/server/session";
import { noteTokenUse } from "@/lib/server/auth/token-use";
import { DomainError } from "@/lib/domain/errors";
import { can, isRole, type Permission, type Role } from "@/lib/domain/roles";

export type ApiActor = { id: string; role: Role; name: string };

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The bearer token of a request, `null` without an Authorization header. */
export function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new DomainError("unauthenticated", "Use 'Authorization: Bearer <token>'.");
  return match[1];
}

/**
 * A token authenticates with one read (a prepared statement), no write and no
 * cache: a revoked token, or one whose user was deactivated, is refused on the
 * very next request.
 */
async function tokenActor(token: string): Promise<ApiActor> {
  const [row] = await db.query<{ token_id: string; stale: boolean; id: string; role: string; name: string }>(sql`
    SELECT t.id::text AS token_id, (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute') AS stale,
           u.id::text, u.role::text, u.name
    FROM api_token t JOIN app_user u ON u.id = t.user_id
    WHERE t.token_hash = ${hashToken(token)} AND t.revoked_at IS NULL AND u.active`);
  if (!row || !isRole(row.role)) throw new DomainError("unauthenticated", "The token is unknown or revoked.");
  noteTokenUse(row.token_id, row.stale);
  return { id: row.id, role: row.role, name: row.name };
}

/** A bearer token (integrations) or the browser session (screens). */
export async function authenticate(request: Request): Promise<ApiActor> {
  const token = bearerToken(request);
  if (token !== null) return tokenActor(token);
  // Without a cookie there is no session to look up.
  const user = request.headers.get("cookie") ? await currentUser() : null;
  if (!user) throw new DomainError("unauthenticated", "Sign in or send a bearer token.");
  return { id: user.id, role: user.role, name: user.name };
}

export function authorize(actor: ApiActor, permission: Permission) {
  if (!can(actor.role, permission)) {
    throw new DomainError("forbidden", `The ${actor.role} role does not have the '${permission}' permission.`);
  }
}

import "server-only";
import { createHash } from "node:crypto";
import { db, sql } from "@/lib/server/sql";
import { currentUser } from "@/lib/server/session";
import { DomainError } from "@/lib/domain/errors";
import { can, isRole, type Permission, type Role } from "@/lib/domain/roles";

export type ApiActor = { id: string; role: Role; name: string };

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A bearer token (integrations) or the browser session (screens). */
export async function authenticate(request: Request): Promise<ApiActor> {
  const header = request.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new DomainError("unauthenticated", "Use 'Authorization: Bearer <token>'.");
    const rows = await db.query<{ id: string; role: string; name: string }>(sql`
      UPDATE api_token t SET last_used_at = now() FROM app_user u
      WHERE t.token_hash = ${hashToken(match[1])} AND t.revoked_at IS NULL AND u.id = t.user_id AND u.active
      RETURNING u.id::text, u.role::text, u.name`);
    const user = rows[0];
    if (!user || !isRole(user.role)) throw new DomainError("unauthenticated", "The token is unknown or revoked.");
    return { id: user.id, role: user.role, name: user.name };
  }
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

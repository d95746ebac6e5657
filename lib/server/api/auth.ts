import "server-only";
import { createHash } from "node:crypto";
import { db, sql } from "@/lib/server/sql";
import { currentUser } from "@/lib/server/session";
import { noteTokenUse } from "@/lib/server/auth/token-use";
import { knownToken, rememberToken, TokenChanged, type KnownUser } from "@/lib/server/auth/known-tokens";
import { DomainError } from "@/lib/domain/errors";
import { can, isRole, type Permission } from "@/lib/domain/roles";

/** `tokenToCheck`: the user was taken from the remembered tokens; the transaction that acts checks it (known-tokens.ts). */
export type ApiActor = KnownUser & { tokenToCheck?: string };

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
 * A token authenticates with one read (a prepared statement) and no write: a
 * revoked token, or one whose user was deactivated, is refused on the very next
 * request. Only where the work's own transaction checks the token again
 * (`checkLater`) is the user taken from the last read without one.
 */
async function tokenActor(token: string, checkLater = false): Promise<ApiActor> {
  const hash = hashToken(token);
  const known = checkLater ? knownToken(hash) : undefined;
  if (known) {
    noteTokenUse(known.tokenId, known.stale);
    return { ...known.user, tokenToCheck: known.tokenId };
  }
  const [row] = await db.query<{ token_id: string; stale: boolean; id: string; role: string; name: string }>(sql`
    SELECT t.id::text AS token_id, (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute') AS stale,
           u.id::text, u.role::text, u.name
    FROM api_token t JOIN app_user u ON u.id = t.user_id
    WHERE t.token_hash = ${hash} AND t.revoked_at IS NULL AND u.active`);
  if (!row || !isRole(row.role)) throw new DomainError("unauthenticated", "The token is unknown or revoked.");
  noteTokenUse(row.token_id, row.stale);
  const user = { id: row.id, role: row.role, name: row.name };
  rememberToken(hash, row.token_id, user);
  return user;
}

/**
 * A bearer token (integrations) or the browser session (screens). `checkLater`:
 * the caller's transaction checks the token (see `withTokenCheck`).
 */
export async function authenticate(request: Request, options: { checkLater?: boolean } = {}): Promise<ApiActor> {
  const token = bearerToken(request);
  if (token !== null) return tokenActor(token, options.checkLater);
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

/**
 * Runs `work` as an actor whose token its transaction checks (`checkLater`). If
 * the token's user turned out changed, nothing was written, and `work` runs once
 * more as the user read now (a revoked token is refused then); so does a refusal
 * for the role remembered, which may since have been given the permission.
 */
export async function withTokenCheck<T>(request: Request, actor: ApiActor, work: (actor: ApiActor) => Promise<T>): Promise<T> {
  try {
    return await work(actor);
  } catch (error) {
    const stale = error instanceof TokenChanged || (error instanceof DomainError && error.code === "forbidden");
    if (!stale || !actor.tokenToCheck) throw error;
    return work(await authenticate(request));
  }
}

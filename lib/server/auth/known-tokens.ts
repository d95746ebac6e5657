import "server-only";
import { sql, type Db } from "@/lib/server/sql";
import { DomainError } from "@/lib/domain/errors";
import type { Role } from "@/lib/domain/roles";

// A bearer token's user as last read, for the one route where reading it costs the
// most: `POST /api/v1/events`, where an event posts in a group transaction of a
// few milliseconds and the token's own read was a transaction of its own, about
// a fifth of the database's work per event. That route takes the user from here
// and leaves the check to the transaction that posts the event: the group's
// statements ask, with its claims and in the same round trip, whether each
// token is still live and its user still active in the same role
// (`checkTokens`). A token revoked, or a user deactivated or given another role,
// is therefore still refused on the very next request, before anything of it is
// written; the route then reads the token again (`TokenChanged`).

export type KnownUser = { id: string; role: Role; name: string };

type Known = { tokenId: string; user: KnownUser; noted: number };

/** By the token's hash. Bounded: past this many, the oldest entry makes room. */
const known = new Map<string, Known>();
const MAX_KNOWN = 10_000;

export function rememberToken(hash: string, tokenId: string, user: KnownUser): void {
  known.delete(hash);
  known.set(hash, { tokenId, user, noted: Date.now() });
  if (known.size > MAX_KNOWN) known.delete(known.keys().next().value!);
}

/**
 * The token's user as last read and its id, or undefined. `stale` says the
 * token's use was last recorded (by this process) over a minute ago.
 */
export function knownToken(hash: string): { tokenId: string; user: KnownUser; stale: boolean } | undefined {
  const entry = known.get(hash);
  if (!entry) return undefined;
  const now = Date.now();
  const stale = now - entry.noted > 60_000;
  if (stale) entry.noted = now;
  return { tokenId: entry.tokenId, user: entry.user, stale };
}

function forget(tokenId: string): void {
  for (const [hash, entry] of known) if (entry.tokenId === tokenId) known.delete(hash);
}

/**
 * The token's user changed since it was read (revoked, deactivated, another role):
 * nothing of the request was written. A route that took its user from the
 * remembered tokens authenticates again; anywhere else it answers 401.
 */
export class TokenChanged extends DomainError {
  constructor() {
    super("unauthenticated", "The token is unknown or revoked.");
  }
}

/** Who acts, and (`tokenToCheck`) the token whose user must still be the same when the work's transaction runs. */
export type Checked = { id: string; role: Role; tokenToCheck?: string };

/**
 * Sends one statement that reads, in `tx`, whether each actor's token is still
 * live for the same active user in the same role; resolves to a test of an actor.
 * Actors without a token to check pass. A token found changed is forgotten.
 */
export async function checkTokens(tx: Db, actors: Checked[]): Promise<(actor: Checked) => boolean> {
  const ids = [...new Set(actors.flatMap((actor) => (actor.tokenToCheck ? [actor.tokenToCheck] : [])))];
  if (!ids.length) return () => true;
  const rows = await tx.query<{ token_id: string; user_id: string; role: string }>(sql`
    SELECT t.id::text AS token_id, u.id::text AS user_id, u.role::text AS role
      FROM api_token t JOIN app_user u ON u.id = t.user_id
     WHERE t.id = ANY(${ids}::uuid[]) AND t.revoked_at IS NULL AND u.active`);
  const live = new Map(rows.map((row) => [row.token_id, row]));
  return (actor) => {
    if (!actor.tokenToCheck) return true;
    const row = live.get(actor.tokenToCheck);
    if (row && row.user_id === actor.id && row.role === actor.role) return true;
    forget(actor.tokenToCheck);
    return false;
  };
}

/** Throws `TokenChanged` unless every actor's token still stands for the same user (see `checkTokens`). */
export async function assertTokens(tx: Db, actors: Checked[]): Promise<void> {
  const holds = await checkTokens(tx, actors);
  if (!actors.every(holds)) throw new TokenChanged();
}

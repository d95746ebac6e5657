import "server-only";
import { db, sql } from "@/lib/server/sql";

// When a token was last used is worth knowing to the minute, not worth a commit
// per request: authentication reads, and this records the use afterwards, at
// most once a minute per token, off the request's path.

const inFlight = new Set<string>();
const pending = new Set<Promise<void>>();

/** Called after a token authenticated; `stale` says its last use is over a minute old. */
export function noteTokenUse(tokenId: string, stale: boolean): void {
  if (!stale || inFlight.has(tokenId)) return;
  inFlight.add(tokenId);
  // The condition makes a second process's write for the same minute a no-op.
  const write = db
    .query(sql`
      UPDATE api_token SET last_used_at = now()
      WHERE id = ${tokenId}::uuid AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`)
    .then(
      () => {},
      (error: unknown) => console.error("[auth] could not record a token's last use", error),
    )
    .finally(() => {
      inFlight.delete(tokenId);
      pending.delete(write);
    });
  pending.add(write);
}

/** Waits for the writes under way (tests, and a clean shutdown). */
export async function settleTokenUse(): Promise<void> {
  await Promise.all([...pending]);
}

import "server-only";
import type { Tx } from "@/lib/server/db";

/**
 * Ends every session of a user and revokes every live token of theirs, in the
 * caller's transaction: after a password reset, a role change or a deactivation
 * nothing issued under the old terms keeps working.
 */
export async function revokeAccess(tx: Tx, userId: string): Promise<{ sessions: number; tokens: number }> {
  const now = new Date();
  const sessions = await tx.userSession.updateMany({ where: { userId, endedAt: null }, data: { endedAt: now } });
  const tokens = await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
  return { sessions: sessions.count, tokens: tokens.count };
}

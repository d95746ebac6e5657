import "server-only";
import { randomBytes } from "node:crypto";
import type { Tx } from "@/lib/server/db";
import { hashToken } from "@/lib/server/api/auth";
import { DomainError } from "@/lib/domain/errors";

// Only the token's hash is stored: the full value exists once, in the response
// to the admin who issued it, so a leaked database holds no usable credential.
const PREFIX_LENGTH = 12;

export function newTokenValue(): string {
  return `concord_${randomBytes(32).toString("base64url")}`;
}

export async function issueToken(tx: Tx, input: { userId: string; name: string }) {
  const user = await tx.user.findUnique({ where: { id: input.userId }, select: { active: true, name: true } });
  if (!user) throw new DomainError("not_found", "There is no such user.", { userId: ["unknown user"] });
  if (!user.active) throw new DomainError("invalid_input", `${user.name} is inactive; reactivate them first.`, { userId: ["user is inactive"] });
  const token = newTokenValue();
  const row = await tx.apiToken.create({
    data: { userId: input.userId, name: input.name, tokenHash: hashToken(token), prefix: token.slice(0, PREFIX_LENGTH) },
    select: { id: true, name: true, prefix: true },
  });
  return { ...row, userName: user.name, token };
}

/** A conditional update, so two admins revoking at once both see a clear outcome. */
export async function revokeToken(tx: Tx, tokenId: string) {
  const { count } = await tx.apiToken.updateMany({ where: { id: tokenId, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count === 0) throw new DomainError("conflict", "The token is unknown or already revoked.");
}

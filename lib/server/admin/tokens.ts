import "server-only";
import { randomBytes } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/server/db";
import { hashToken } from "@/lib/server/api/auth";
import { audit } from "@/lib/server/audit";
import { DomainError } from "@/lib/domain/errors";

// Only the token's hash is stored: the full value exists once, in the response
// to whoever issued it, so a leaked database holds no usable credential. Who may
// issue: a person for themself (their profile page), an admin for a service
// account. An admin never sees a token that acts as another person.
const PREFIX_LENGTH = 12;

type Actor = { id: string };

export function newTokenValue(): string {
  return `concord_${randomBytes(32).toString("base64url")}`;
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** `for: "self"` issues for the actor; `for: "service"` for a service account (admins). */
export async function issueToken(tx: Tx, actor: Actor, input: { userId: string; name: string; for: "self" | "service" }) {
  const user = await tx.user.findUnique({ where: { id: input.userId }, select: { active: true, name: true, email: true, kind: true } });
  if (!user) throw new DomainError("not_found", "There is no such user.", { userId: ["unknown user"] });
  if (input.for === "self" && input.userId !== actor.id) throw new DomainError("forbidden", "You can issue tokens only for yourself.");
  if (input.for === "service" && user.kind !== "service") {
    throw new DomainError("forbidden", `${user.name} is a person: people issue their own tokens on their profile page.`, {
      userId: ["choose a service account"],
    });
  }
  if (!user.active) throw new DomainError("invalid_input", `${user.name} is inactive; reactivate them first.`, { userId: ["user is inactive"] });
  const token = newTokenValue();
  try {
    // The partial unique index (user_id, name) of live tokens decides duplicates, even between racing requests.
    const row = await tx.apiToken.create({
      data: { userId: input.userId, name: input.name, tokenHash: hashToken(token), prefix: token.slice(0, PREFIX_LENGTH) },
      select: { id: true, name: true, prefix: true },
    });
    await audit(tx, actor, {
      action: "token.issue",
      target: { kind: "token", id: row.id, label: `${row.prefix}… (${user.email})` },
      after: { name: row.name, prefix: row.prefix, owner: user.email },
    });
    return { ...row, userName: user.name, token };
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DomainError("conflict", `${input.for === "self" ? "You already have" : `${user.name} already has`} a live token named “${input.name}”.`, {
        name: ["a live token already has this name"],
      });
    }
    throw error;
  }
}

/**
 * A conditional update, so two people revoking at once both see a clear outcome.
 * `ownerId` limits it to one person's tokens (the profile page); admins pass none.
 */
export async function revokeToken(tx: Tx, actor: Actor, tokenId: string, ownerId?: string) {
  const rows = await tx.apiToken.updateManyAndReturn({
    where: { id: tokenId, revokedAt: null, ...(ownerId ? { userId: ownerId } : {}) },
    data: { revokedAt: new Date() },
    select: { id: true, name: true, prefix: true, revokedAt: true, user: { select: { email: true } } },
  });
  const token = rows[0];
  if (!token) throw new DomainError("conflict", "The token is unknown or already revoked.");
  await audit(tx, actor, {
    action: "token.revoke",
    target: { kind: "token", id: token.id, label: `${token.prefix}… (${token.user.email})` },
    before: { name: token.name, revokedAt: null },
    after: { name: token.name, revokedAt: token.revokedAt },
  });
}

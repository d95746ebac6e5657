import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/server/db";
import { audit } from "@/lib/server/audit";
import { revokeAccess } from "@/lib/server/auth/revoke";
import { DomainError } from "@/lib/domain/errors";
import type { Role } from "@/lib/domain/roles";

// Account changes. Each takes a transaction client and writes its audit entry
// in it; the password is hashed by the caller before the transaction opens, so
// a slow hash never holds a lock. A change to someone's password, role or status
// ends their sessions and revokes their tokens in the same transaction.

type Actor = { id: string };
type NewAccount = { kind: "human" | "service"; name: string; email: string; role: Role };

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

const accountSelect = { id: true, email: true, name: true, role: true, kind: true, active: true } satisfies Prisma.UserSelect;

/** `passwordHash` is null exactly for a service account. */
export async function createUser(tx: Tx, actor: Actor, input: NewAccount, passwordHash: string | null) {
  try {
    const user = await tx.user.create({ data: { ...input, passwordHash }, select: accountSelect });
    await audit(tx, actor, { action: "user.create", target: { kind: "user", id: user.id, label: user.email }, after: user });
    return { id: user.id, email: user.email, kind: user.kind };
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DomainError("conflict", `A user with the email ${input.email} already exists.`, { email: ["already in use"] });
    }
    throw error;
  }
}

/** An admin who demotes or deactivates themself could lock everyone out; another admin must do it. */
function refuseSelf(actor: Actor, userId: string, what: string) {
  if (actor.id === userId) throw new DomainError("forbidden", `You cannot ${what} yourself; ask another admin.`);
}

/** The account as it is, locked against a concurrent change, or `not_found`. */
async function lockAccount(tx: Tx, userId: string) {
  await tx.$queryRaw`SELECT 1 FROM app_user WHERE id = ${userId}::uuid FOR UPDATE`;
  const user = await tx.user.findUnique({ where: { id: userId }, select: accountSelect });
  if (!user) throw new DomainError("not_found", "There is no such user.");
  return user;
}

export async function changeRole(tx: Tx, actor: Actor, userId: string, role: Role) {
  if (role !== "admin") refuseSelf(actor, userId, "demote");
  const before = await lockAccount(tx, userId);
  if (before.role === role) return { changed: false };
  await tx.user.update({ where: { id: userId }, data: { role }, select: { id: true } });
  const revoked = await revokeAccess(tx, userId);
  await audit(tx, actor, { action: "user.role", target: { kind: "user", id: userId, label: before.email }, before: { role: before.role }, after: { role, ...revoked } });
  return { changed: true };
}

export async function setActive(tx: Tx, actor: Actor, userId: string, active: boolean) {
  if (!active) refuseSelf(actor, userId, "deactivate");
  const before = await lockAccount(tx, userId);
  if (before.active === active) return;
  await tx.user.update({ where: { id: userId }, data: { active }, select: { id: true } });
  const revoked = active ? {} : await revokeAccess(tx, userId);
  await audit(tx, actor, { action: "user.status", target: { kind: "user", id: userId, label: before.email }, before: { active: before.active }, after: { active, ...revoked } });
}

export async function setPassword(tx: Tx, actor: Actor, userId: string, passwordHash: string) {
  const before = await lockAccount(tx, userId);
  if (before.kind !== "human") {
    throw new DomainError("invalid_input", `${before.name} is a service account: it has no password and signs in only with tokens.`, { password: ["service accounts have no password"] });
  }
  await tx.user.update({ where: { id: userId }, data: { passwordHash }, select: { id: true } });
  const revoked = await revokeAccess(tx, userId);
  // Never the hash: only that it changed, and what that ended.
  await audit(tx, actor, { action: "user.password", target: { kind: "user", id: userId, label: before.email }, after: { passwordChanged: true, ...revoked } });
}

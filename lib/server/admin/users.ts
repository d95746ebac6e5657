import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/server/db";
import { DomainError } from "@/lib/domain/errors";
import type { Role } from "@/lib/domain/roles";
import type { CreateUserInput } from "./input";

// Account changes. Each takes a transaction client; the password is hashed by
// the caller before the transaction opens, so a slow hash never holds a lock.

type Actor = { id: string };

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export async function createUser(tx: Tx, input: Omit<CreateUserInput, "password">, passwordHash: string) {
  try {
    return await tx.user.create({ data: { ...input, passwordHash }, select: { id: true, email: true } });
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

async function update(tx: Tx, userId: string, data: Prisma.UserUpdateManyMutationInput) {
  const { count } = await tx.user.updateMany({ where: { id: userId }, data });
  if (count === 0) throw new DomainError("not_found", "There is no such user.");
}

export async function changeRole(tx: Tx, actor: Actor, userId: string, role: Role) {
  if (role !== "admin") refuseSelf(actor, userId, "demote");
  await update(tx, userId, { role });
}

export async function setActive(tx: Tx, actor: Actor, userId: string, active: boolean) {
  if (!active) refuseSelf(actor, userId, "deactivate");
  await update(tx, userId, { active });
}

export async function setPassword(tx: Tx, userId: string, passwordHash: string) {
  await update(tx, userId, { passwordHash });
}

import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/server/auth-options";
import { prisma } from "@/lib/server/db";
import { isRole, type Role } from "@/lib/domain/roles";

export type CurrentUser = { id: string; email: string; name: string; role: Role };

/**
 * The signed-in user, read once per request. The role comes from the database,
 * not the cookie, so a role change or a deactivation takes effect at once.
 */
export const currentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.userId;
  if (!id) return null;
  const user = await prisma.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, active: true },
  });
  if (!user || !user.active || !isRole(user.role)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
});

import "server-only";
import { can, type Role } from "@/lib/domain/roles";
import { currentUser } from "@/lib/server/session";

/** For the pages, which render alongside the layout and must not read data regardless of it. */
export async function mayRead(): Promise<boolean> {
  return (await reader()) !== null;
}

/** The role of a user who may read the reconciliation, or null. */
export async function reader(): Promise<Role | null> {
  const user = await currentUser();
  return user && can(user.role, "reconciliation.read") ? user.role : null;
}

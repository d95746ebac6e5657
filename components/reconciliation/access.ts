import "server-only";
import { can } from "@/lib/domain/roles";
import { currentUser } from "@/lib/server/session";

/** For the pages, which render alongside the layout and must not read data regardless of it. */
export async function mayRead(): Promise<boolean> {
  const user = await currentUser();
  return Boolean(user && can(user.role, "reconciliation.read"));
}

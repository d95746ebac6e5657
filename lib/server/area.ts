import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { loginPath, REQUESTED_PATH_HEADER } from "@/lib/auth/next-path";
import { can, type Role } from "@/lib/domain/roles";
import { currentUser, type CurrentUser } from "@/lib/server/session";

/** Each area is named after the role that owns it; admin may also enter every one. */
export type Area = Role;

function mayEnter(user: CurrentUser, area: Area): boolean {
  return can(user.role, `area.${area}`);
}

/** The signed-in user; a stranger is sent to sign in and brought back to the address they asked for. */
export async function signedInUser(): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) redirect(loginPath((await headers()).get(REQUESTED_PATH_HEADER)));
  return user;
}

/** For an area's layout: strangers go to sign in; others learn whether they may enter. */
export async function areaAccess(area: Area): Promise<{ user: CurrentUser; allowed: boolean }> {
  const user = await signedInUser();
  return { user, allowed: mayEnter(user, area) };
}

/**
 * For an area's pages, which must check again: Next renders a page alongside its
 * layout (and alone on client navigation within a group), so a layout guard does
 * not stop the page's own reads. Null means "render nothing"; the layout explains.
 */
export async function areaUser(area: Area): Promise<CurrentUser | null> {
  const user = await currentUser();
  return user && mayEnter(user, area) ? user : null;
}

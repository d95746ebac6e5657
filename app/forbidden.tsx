import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AppShell } from "@/components/shell/app-shell";
import { NotAllowed } from "@/components/shell/not-allowed";
import { REQUESTED_PATH_HEADER } from "@/lib/auth/next-path";
import { isRole } from "@/lib/domain/roles";
import { currentUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Not allowed" };

/** Rendered with a 403 when an area's guard calls `forbidden()`; the area is the path's first segment. */
export default async function Forbidden() {
  const user = await currentUser();
  if (!user) redirect("/login");
  const first = (await headers()).get(REQUESTED_PATH_HEADER)?.split(/[/?#]/)[1];
  return (
    <AppShell user={user}>
      {/* The page's own metadata still names the area it refused; this title wins (React hoists it into the head). */}
      <title>Not allowed · Concord</title>
      <NotAllowed area={isRole(first) ? first : null} role={user.role} />
    </AppShell>
  );
}

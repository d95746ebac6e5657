import type { ReactNode } from "react";
import { areaAccess, type Area } from "@/lib/server/area";
import { AppShell } from "./app-shell";
import { NotAllowed } from "./not-allowed";

/** Wraps an area's pages in the shell, or shows "Not allowed" in their place. */
export async function AreaGuard({ area, children }: { area: Area; children: ReactNode }) {
  const { user, allowed } = await areaAccess(area);
  return <AppShell user={user}>{allowed ? children : <NotAllowed area={area} role={user.role} />}</AppShell>;
}

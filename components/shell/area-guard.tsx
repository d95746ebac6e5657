import type { ReactNode } from "react";
import { forbidden } from "next/navigation";
import { areaAccess, type Area } from "@/lib/server/area";
import { AppShell } from "./app-shell";

/**
 * Wraps an area's pages in the shell. A role that may not enter gets a real 403:
 * `forbidden()` renders app/forbidden.tsx (in the shell, titled "Not allowed").
 */
export async function AreaGuard({ area, children }: { area: Area; children: ReactNode }) {
  const { user, allowed } = await areaAccess(area);
  if (!allowed) forbidden();
  return <AppShell user={user}>{children}</AppShell>;
}

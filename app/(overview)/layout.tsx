import type { ReactNode } from "react";
import { forbidden } from "next/navigation";
import { AppShell } from "@/components/shell/app-shell";
import { can } from "@/lib/domain/roles";
import { signedInUser } from "@/lib/server/area";

/** The overview and a SKU's trace are every role's (trace.read): strangers sign in, anyone else without it gets a 403. */
export default async function OverviewLayout({ children }: { children: ReactNode }) {
  const user = await signedInUser();
  if (!can(user.role, "trace.read")) forbidden();
  return <AppShell user={user}>{children}</AppShell>;
}

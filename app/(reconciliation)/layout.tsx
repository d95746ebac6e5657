import type { ReactNode } from "react";
import { forbidden } from "next/navigation";
import { AppShell } from "@/components/shell/app-shell";
import { can } from "@/lib/domain/roles";
import { signedInUser } from "@/lib/server/area";

// Not one role's area: every role reads the reconciliation, so the guard is the permission itself.
export default async function ReconciliationLayout({ children }: { children: ReactNode }) {
  const user = await signedInUser();
  if (!can(user.role, "reconciliation.read")) forbidden();
  return <AppShell user={user}>{children}</AppShell>;
}

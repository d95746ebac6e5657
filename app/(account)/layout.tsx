import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { signedInUser } from "@/lib/server/area";

/** Pages every signed-in person may open, whatever their role. */
export default async function AccountLayout({ children }: { children: ReactNode }) {
  return <AppShell user={await signedInUser()}>{children}</AppShell>;
}

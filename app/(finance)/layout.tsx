import type { ReactNode } from "react";
import { AreaGuard } from "@/components/shell/area-guard";

export default function FinanceLayout({ children }: { children: ReactNode }) {
  return <AreaGuard area="finance">{children}</AreaGuard>;
}

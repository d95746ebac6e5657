import type { ReactNode } from "react";
import { AreaGuard } from "@/components/shell/area-guard";

export default function SalesLayout({ children }: { children: ReactNode }) {
  return <AreaGuard area="sales">{children}</AreaGuard>;
}

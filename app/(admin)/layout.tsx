import type { ReactNode } from "react";
import { AreaGuard } from "@/components/shell/area-guard";

export default function AdminLayout({ children }: { children: ReactNode }) {
  return <AreaGuard area="admin">{children}</AreaGuard>;
}

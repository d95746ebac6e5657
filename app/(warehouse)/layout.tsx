import type { ReactNode } from "react";
import { AreaGuard } from "@/components/shell/area-guard";

export default function WarehouseLayout({ children }: { children: ReactNode }) {
  return <AreaGuard area="warehouse">{children}</AreaGuard>;
}

import type { ReactNode } from "react";
import { AreaGuard } from "@/components/shell/area-guard";
import { WarehouseNav } from "@/components/warehouse/warehouse-nav";

// The sections bar sits inside the guard: someone not allowed in sees neither it nor the page.
export default function WarehouseLayout({ children }: { children: ReactNode }) {
  return (
    <AreaGuard area="warehouse">
      <WarehouseNav />
      {children}
    </AreaGuard>
  );
}

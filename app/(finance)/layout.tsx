import type { ReactNode } from "react";
import { AreaGuard } from "@/components/shell/area-guard";
import { FinanceNav } from "@/components/finance/finance-nav";

// The sections bar sits inside the guard: someone not allowed in sees neither it nor the page.
export default function FinanceLayout({ children }: { children: ReactNode }) {
  return (
    <AreaGuard area="finance">
      <FinanceNav />
      {children}
    </AreaGuard>
  );
}

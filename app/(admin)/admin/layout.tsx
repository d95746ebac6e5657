import type { ReactNode } from "react";
import { AdminNav } from "@/components/admin/admin-nav";

// Only navigation here: no data is read, so the group layout's guard and each
// page's own `areaUser` check remain the only gates.
export default function AdminSectionsLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <AdminNav />
      {children}
    </>
  );
}

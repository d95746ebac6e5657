"use client";

import { usePathname } from "next/navigation";
import { SubNav, type SubNavItem } from "@/components/ui/sub-nav";

const ITEMS: readonly SubNavItem[] = [
  { href: "/warehouse", label: "Today", also: ["/warehouse/queues"] },
  { href: "/warehouse/stock", label: "Stock", also: ["/warehouse/skus"] },
  { href: "/warehouse/transfers", label: "Transfers" },
  { href: "/warehouse/counts", label: "Counts" },
  { href: "/warehouse/rebalance", label: "Rebalancing" },
];

export function WarehouseNav() {
  // The approvals board has the main navigation's own tab.
  if (usePathname().startsWith("/warehouse/approvals")) return null;
  return <SubNav label="Warehouse" items={ITEMS} root="/warehouse" />;
}

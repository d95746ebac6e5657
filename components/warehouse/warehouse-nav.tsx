"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const ITEMS = [
  { href: "/warehouse", label: "Today" },
  { href: "/warehouse/stock", label: "Stock" },
  { href: "/warehouse/transfers", label: "Transfers" },
  { href: "/warehouse/counts", label: "Counts" },
  { href: "/warehouse/rebalance", label: "Rebalancing" },
] as const;

export function WarehouseNav() {
  const pathname = usePathname();
  if (pathname.startsWith("/warehouse/approvals")) return null;
  return (
    <nav aria-label="Warehouse" className="mb-6 flex flex-wrap gap-2">
      {ITEMS.map((item) => {
        const current =
          item.href === "/warehouse"
            ? pathname === item.href || pathname.startsWith("/warehouse/queues")
            : pathname.startsWith(item.href) || (item.href === "/warehouse/stock" && pathname.startsWith("/warehouse/skus"));
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={current ? "page" : undefined}
            className={`rounded-full px-3 py-1 text-sm font-medium ${current ? "bg-accent-700 text-white" : "bg-surface text-muted ring-1 ring-line hover:text-ink"}`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}

"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { ADMIN_NAV_ITEMS } from "@/components/shell/nav-items";

/** Sections of the admin area; the overview is current only on its own path, not under every section. */
export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Administration" className="mb-6 flex flex-wrap gap-2">
      {ADMIN_NAV_ITEMS.map((item) => {
        const current = item.href === "/admin" ? pathname === item.href : pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={current ? "page" : undefined}
            className={`rounded-full px-3 py-1 text-sm font-medium ${
              current ? "bg-accent-700 text-white" : "bg-surface text-muted ring-1 ring-line hover:text-ink"
            }`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}

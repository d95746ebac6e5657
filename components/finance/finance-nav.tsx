"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const ITEMS = [
  { href: "/finance", label: "Valuation" },
  { href: "/finance/grni", label: "GRNI" },
  { href: "/finance/journal", label: "Journal" },
  { href: "/finance/periods", label: "Periods" },
  { href: "/finance/approvals", label: "Approvals" },
] as const;

/** A SKU's page belongs to the valuation it is opened from. */
function isCurrent(pathname: string, href: string): boolean {
  if (href === "/finance") return pathname === href || pathname.startsWith("/finance/skus");
  return pathname === href || pathname.startsWith(`${href}/`);
}

export function FinanceNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Finance" className="mb-6 flex flex-wrap gap-2">
      {ITEMS.map((item) => {
        const current = isCurrent(pathname, item.href);
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

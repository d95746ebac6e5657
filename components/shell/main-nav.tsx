"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { NavItem } from "./nav-items";

function matches(pathname: string, href: string) {
  return pathname === href || pathname.startsWith(`${href}/`);
}

/** The deepest item containing the path is the current one: /warehouse/approvals is "Approvals", not "Warehouse". */
function currentHref(pathname: string, items: NavItem[]): string | undefined {
  return items
    .filter((item) => matches(pathname, item.href))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
}

export function MainNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  const current = currentHref(pathname, items);
  return (
    <nav aria-label="Main" className="-mb-px flex overflow-x-auto sm:gap-1">
      {items.map((item) => {
        const isCurrent = item.href === current;
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={isCurrent ? "page" : undefined}
            className={`shrink-0 border-b-2 px-2.5 py-2.5 text-sm font-medium whitespace-nowrap sm:px-3 ${
              isCurrent ? "border-accent-600 text-accent-800" : "border-transparent text-muted hover:border-line hover:text-ink"
            }`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}

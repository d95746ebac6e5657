"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export type SubNavItem = { href: string; label: string; also?: readonly string[] };

/**
 * An area's sections as pills. An item is current on its own path and below it,
 * and on the paths in `also` (a SKU's page belongs to the list it is opened from).
 */
export function SubNav({ label, items, root }: { label: string; items: readonly SubNavItem[]; root: string }) {
  const pathname = usePathname();
  const under = (path: string) => pathname === path || pathname.startsWith(`${path}/`);
  return (
    <nav aria-label={label} className="mb-6 flex flex-wrap gap-2">
      {items.map((item) => {
        // The area's root is current only on itself: every other path is under it.
        const current = (item.href === root ? pathname === root : under(item.href)) || (item.also ?? []).some(under);
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

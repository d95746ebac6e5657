import { can, type Permission, type Role } from "@/lib/domain/roles";

export type NavItem = { href: string; label: string; permission: Permission };

// The one list of areas in the navigation. A role sees an item only when the
// permission table lets it in, so the nav and the guards cannot disagree.
export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/sales", label: "Sales", permission: "area.sales" },
  { href: "/warehouse", label: "Warehouse", permission: "area.warehouse" },
  { href: "/finance", label: "Finance", permission: "area.finance" },
  { href: "/admin", label: "Administration", permission: "area.admin" },
];

export function navItemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => can(role, item.permission));
}

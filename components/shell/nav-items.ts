import { can, type Permission, type Role } from "@/lib/domain/roles";

export type NavItem = { href: string; label: string; permission: Permission };

// The one list of areas in the navigation. A role sees an item only when the
// permission table lets it in, so the nav and the guards cannot disagree.
export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/sales", label: "Sales", permission: "area.sales" },
  { href: "/warehouse", label: "Warehouse", permission: "area.warehouse" },
  // Approval queues appear for the roles that decide them (hold/count for
  // warehouse, write-off/cost for finance), so each role sees one "Approvals".
  { href: "/warehouse/approvals", label: "Approvals", permission: "hold.approve" },
  { href: "/finance", label: "Finance", permission: "area.finance" },
  { href: "/finance/approvals", label: "Approvals", permission: "writeoff.approve" },
  { href: "/admin", label: "Administration", permission: "area.admin" },
  // Everyone's: the three numbers reconciled, and the self-assessment with its trace.
  { href: "/reconciliation", label: "Reconciliation", permission: "reconciliation.read" },
  { href: "/overview", label: "Overview", permission: "trace.read" },
];

/** Sections inside the admin area, shown under the main navigation there. */
export const ADMIN_NAV_ITEMS: readonly Omit<NavItem, "permission">[] = [
  { href: "/admin", label: "Overview" },
  { href: "/admin/users", label: "Users" },
  { href: "/admin/tokens", label: "API tokens" },
  { href: "/admin/catalogue", label: "SKUs" },
  { href: "/admin/locations", label: "Locations & bins" },
  { href: "/admin/channels", label: "Sales channels" },
  { href: "/admin/policies", label: "Stock policies" },
  { href: "/admin/audit", label: "Audit log" },
];

export function navItemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => can(role, item.permission));
}

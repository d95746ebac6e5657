// Roles and what each may do. A declarative table: every page, server action and
// API route asks `can(role, permission)`; a permission missing here is refused.
export const ROLES = ["sales", "warehouse", "finance", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABEL: Record<Role, string> = {
  sales: "Sales",
  warehouse: "Warehouse",
  finance: "Finance",
  admin: "Admin",
};

const PERMISSIONS = {
  // areas
  "area.sales": ["sales", "admin"],
  "area.warehouse": ["warehouse", "admin"],
  "area.finance": ["finance", "admin"],
  "area.admin": ["admin"],
  // reading
  "catalogue.read": ["sales", "warehouse", "finance", "admin"],
  "balances.read": ["sales", "warehouse", "finance", "admin"],
  "approvals.read": ["warehouse", "finance", "admin"],
  // money: valuation, journal, trial balance (inventory-model §5–§6)
  "finance.read": ["finance", "admin"],
  // one language: the three numbers side by side, a SKU's trace and the overview are everyone's
  "reconciliation.read": ["sales", "warehouse", "finance", "admin"],
  "trace.read": ["sales", "warehouse", "finance", "admin"],
  // master data
  "catalogue.write": ["admin"],
  "policy.write": ["admin"],
  "users.manage": ["admin"],
  // ledger transitions, by owning role (inventory-model §3)
  "po.write": ["finance"],
  "receiving.write": ["warehouse"],
  "order.write": ["sales"],
  "fulfilment.write": ["warehouse"],
  "returns.write": ["warehouse"],
  "hold.write": ["warehouse"],
  "damage.write": ["warehouse"],
  "writeoff.request": ["warehouse", "finance"],
  "transfer.write": ["warehouse"],
  "count.write": ["warehouse"],
  "dropship.write": ["sales", "finance"],
  "invoice.write": ["finance"],
  "cost.write": ["finance"],
  "period.close": ["finance"],
  // approvals: a different person holding the owning role decides
  "writeoff.approve": ["finance"],
  "hold.approve": ["warehouse"],
  "count.approve": ["warehouse"],
  "returns.approve": ["warehouse"],
  "cost.approve": ["finance"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role | null | undefined, permission: Permission): boolean {
  if (!role || !isRole(role)) return false;
  const allowed: readonly Role[] | undefined = PERMISSIONS[permission];
  return allowed !== undefined && allowed.includes(role);
}

/** The area a user lands on after signing in. */
export function homePath(role: Role): string {
  return `/${role}`;
}

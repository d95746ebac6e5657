// Every screen a signed-in role can open, with the paged, sorted and filtered
// variants its links lead to and the JSON or CSV it fetches. A page opened by
// address is its HTML document; a link followed inside the app (paging, sorting,
// filtering) is the RSC payload Next fetches for it, so those carry `RSC: 1`.
import type { Role } from "../../lib/domain/roles.ts";

export type Kind = "html" | "rsc" | "json" | "csv";
/** `answers`: the status a whole answer has (a scan answers with a redirect to the SKU it found). */
export type Screen = { name: string; roles: Role[]; kind: Kind; path: (pick: Picker) => string; answers?: number };

/** What the variants draw from: the data the bench database holds. */
export type Data = { skus: string[]; periods: string[]; userIds: string[]; days: { from: string; to: string } };
export type Picker = { sku: () => string; period: () => string; userId: () => string; page: (max: number) => number; fraction: () => number; data: Data };

const SALES: Role[] = ["sales"];
const WAREHOUSE: Role[] = ["warehouse"];
const FINANCE: Role[] = ["finance"];
const ADMIN: Role[] = ["admin"];
/** Reconciliation, trace and overview are every role's; the load spreads them over the three business roles. */
const EVERYONE: Role[] = ["sales", "warehouse", "finance"];
const QUEUES = ["inbound", "receiving", "pick", "pack", "ship", "deliver", "returns", "holds", "damaged", "rejected"];
const CHANNELS = ["web", "marketplace", "wholesale"];

const e = encodeURIComponent;
/** A search that matches a slice of the bulk catalogue, as a person narrowing a list types it. */
const prefix = (p: Picker) => p.sku().slice(0, 4);
const channel = (p: Picker) => CHANNELS[p.page(CHANNELS.length) - 1];

export const SCREENS: Screen[] = [
  // Sales
  { name: "sales list", roles: SALES, kind: "html", path: (p) => `/sales?channel=${channel(p)}` },
  { name: "sales list, page n", roles: SALES, kind: "rsc", path: (p) => `/sales?channel=${channel(p)}&page=${p.page(80)}` },
  { name: "sales list, search", roles: SALES, kind: "rsc", path: (p) => `/sales?channel=${channel(p)}&q=${e(prefix(p))}` },
  { name: "sales SKU", roles: SALES, kind: "html", path: (p) => `/sales/skus/${e(p.sku())}?channel=${channel(p)}` },
  { name: "sales SKU, promise qty", roles: SALES, kind: "rsc", path: (p) => `/sales/skus/${e(p.sku())}?channel=${channel(p)}&qty=${p.page(40)}` },
  { name: "api sku sales (refetch)", roles: SALES, kind: "json", path: (p) => `/api/v1/skus/${e(p.sku())}/sales?channel=${channel(p)}` },
  { name: "api sku demand", roles: SALES, kind: "json", path: (p) => `/api/v1/skus/${e(p.sku())}/demand?channel=${channel(p)}` },

  // Warehouse
  { name: "warehouse home", roles: WAREHOUSE, kind: "html", path: () => "/warehouse" },
  ...QUEUES.map((queue): Screen => ({ name: `queue ${queue}`, roles: WAREHOUSE, kind: "html", path: () => `/warehouse/queues/${queue}` })),
  { name: "queue pick, location", roles: WAREHOUSE, kind: "rsc", path: () => "/warehouse/queues/pick?location=WH-EAST" },
  { name: "stock grid", roles: WAREHOUSE, kind: "html", path: () => "/warehouse/stock" },
  { name: "stock grid, page n", roles: WAREHOUSE, kind: "rsc", path: (p) => `/warehouse/stock?location=WH-EAST&page=${p.page(80)}` },
  { name: "stock grid, search", roles: WAREHOUSE, kind: "rsc", path: (p) => `/warehouse/stock?q=${e(prefix(p))}` },
  { name: "stock grid, as of", roles: WAREHOUSE, kind: "rsc", path: (p) => `/warehouse/stock?location=WH-WEST&asOf=${p.data.days.to}T12:00:00Z` },
  { name: "warehouse SKU", roles: WAREHOUSE, kind: "html", path: (p) => `/warehouse/skus/${e(p.sku())}` },
  { name: "transfers", roles: WAREHOUSE, kind: "html", path: () => "/warehouse/transfers" },
  { name: "counts", roles: WAREHOUSE, kind: "html", path: () => "/warehouse/counts" },
  { name: "rebalance", roles: WAREHOUSE, kind: "html", path: () => "/warehouse/rebalance" },
  { name: "warehouse approvals", roles: WAREHOUSE, kind: "html", path: () => "/warehouse/approvals" },
  { name: "find (scan a SKU)", roles: WAREHOUSE, kind: "html", path: (p) => `/warehouse/find?scan=${e(p.sku())}`, answers: 307 },
  { name: "api sku warehouse", roles: WAREHOUSE, kind: "json", path: (p) => `/api/v1/skus/${e(p.sku())}/warehouse` },

  // Finance
  { name: "valuation", roles: FINANCE, kind: "html", path: () => "/finance" },
  { name: "valuation, by value", roles: FINANCE, kind: "rsc", path: () => "/finance?sort=value&dir=desc" },
  { name: "valuation, page n", roles: FINANCE, kind: "rsc", path: (p) => `/finance?page=${p.page(80)}` },
  { name: "valuation, search", roles: FINANCE, kind: "rsc", path: (p) => `/finance?q=${e(prefix(p))}` },
  { name: "valuation, as of", roles: FINANCE, kind: "rsc", path: (p) => `/finance?asOf=${p.data.days.from}T12:00:00Z` },
  { name: "finance SKU", roles: FINANCE, kind: "html", path: (p) => `/finance/skus/${e(p.sku())}` },
  { name: "GRNI", roles: FINANCE, kind: "html", path: () => "/finance/grni" },
  { name: "GRNI, page n", roles: FINANCE, kind: "rsc", path: (p) => `/finance/grni?page=${p.page(20)}` },
  { name: "journal", roles: FINANCE, kind: "html", path: () => "/finance/journal" },
  { name: "journal, page n", roles: FINANCE, kind: "rsc", path: (p) => `/finance/journal?page=${p.page(200)}` },
  { name: "journal, SKU", roles: FINANCE, kind: "rsc", path: (p) => `/finance/journal?sku=${e(p.sku())}` },
  { name: "journal, days + account", roles: FINANCE, kind: "rsc", path: (p) => `/finance/journal?from=${p.data.days.from}&to=${p.data.days.to}&account=grni` },
  { name: "journal CSV, SKU", roles: FINANCE, kind: "csv", path: (p) => `/finance/journal/export?sku=${e(p.sku())}` },
  { name: "periods", roles: FINANCE, kind: "html", path: () => "/finance/periods" },
  { name: "closed period", roles: FINANCE, kind: "html", path: (p) => `/finance/periods/${p.period()}` },
  { name: "finance approvals", roles: FINANCE, kind: "html", path: () => "/finance/approvals" },
  { name: "api sku finance", roles: FINANCE, kind: "json", path: (p) => `/api/v1/skus/${e(p.sku())}/finance` },

  // Every role
  { name: "reconciliation", roles: EVERYONE, kind: "html", path: () => "/reconciliation" },
  { name: "reconciliation, page n", roles: EVERYONE, kind: "rsc", path: (p) => `/reconciliation?page=${p.page(80)}` },
  { name: "reconciliation, search", roles: EVERYONE, kind: "rsc", path: (p) => `/reconciliation?q=${e(prefix(p))}` },
  { name: "reconciliation SKU", roles: EVERYONE, kind: "html", path: (p) => `/reconciliation/${e(p.sku())}` },
  { name: "overview", roles: EVERYONE, kind: "html", path: () => "/overview" },
  { name: "trace picker", roles: EVERYONE, kind: "html", path: () => "/trace" },
  { name: "trace SKU", roles: EVERYONE, kind: "html", path: (p) => `/trace/${e(p.sku())}` },
  { name: "trace SKU, by reference", roles: EVERYONE, kind: "rsc", path: (p) => { const sku = p.sku(); return `/trace/${e(sku)}?reference=${e(sku.startsWith("S-") ? `PO-${sku}-1` : "PO-1001")}`; } },
  { name: "profile", roles: EVERYONE, kind: "html", path: () => "/profile" },

  // Admin
  { name: "admin home", roles: ADMIN, kind: "html", path: () => "/admin" },
  { name: "admin users", roles: ADMIN, kind: "html", path: () => "/admin/users" },
  { name: "admin user", roles: ADMIN, kind: "html", path: (p) => `/admin/users/${p.userId()}` },
  { name: "admin catalogue", roles: ADMIN, kind: "html", path: () => "/admin/catalogue" },
  { name: "admin catalogue, page n", roles: ADMIN, kind: "rsc", path: (p) => `/admin/catalogue?page=${p.page(80)}` },
  { name: "admin catalogue, search", roles: ADMIN, kind: "rsc", path: (p) => `/admin/catalogue?q=${e(prefix(p))}` },
  { name: "admin channels", roles: ADMIN, kind: "html", path: () => "/admin/channels" },
  { name: "admin locations", roles: ADMIN, kind: "html", path: () => "/admin/locations" },
  { name: "admin policies", roles: ADMIN, kind: "html", path: () => "/admin/policies" },
  { name: "admin policies, SKU", roles: ADMIN, kind: "rsc", path: (p) => `/admin/policies?sku=${e(p.sku())}&location=WH-EAST` },
  { name: "admin tokens", roles: ADMIN, kind: "html", path: () => "/admin/tokens" },
  { name: "admin audit", roles: ADMIN, kind: "html", path: () => "/admin/audit" },
  { name: "admin audit, page n", roles: ADMIN, kind: "rsc", path: (p) => `/admin/audit?page=${p.page(5)}` },
];

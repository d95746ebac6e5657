import { SubNav, type SubNavItem } from "@/components/ui/sub-nav";

const ITEMS: readonly SubNavItem[] = [
  // A SKU's page belongs to the valuation it is opened from.
  { href: "/finance", label: "Valuation", also: ["/finance/skus"] },
  { href: "/finance/grni", label: "GRNI" },
  { href: "/finance/record", label: "Record" },
  { href: "/finance/journal", label: "Journal" },
  { href: "/finance/periods", label: "Periods" },
  { href: "/finance/approvals", label: "Approvals" },
];

export function FinanceNav() {
  return <SubNav label="Finance" items={ITEMS} root="/finance" />;
}

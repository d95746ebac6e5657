// Words for the finance codes, as an accountant reads them.
import type { Account } from "@/lib/server/views/finance/types";

export const ACCOUNT_LABEL: Record<Account, string> = {
  inventory: "Inventory",
  inventory_in_transit: "Inventory in transit",
  grni: "Goods received not invoiced",
  accounts_payable: "Accounts payable",
  cogs: "Cost of goods sold",
  purchase_price_variance: "Purchase price variance",
  writeoff_expense: "Inventory write-off expense",
  shrinkage: "Shrinkage",
  revaluation: "Revaluation",
};

export { ACCOUNTS, isAccount } from "@/lib/domain/finance/cost-state";

const MONTH = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

/** "2026-10" → "October 2026" */
export function periodName(period: string): string {
  return MONTH.format(new Date(`${period}-01T00:00:00Z`));
}

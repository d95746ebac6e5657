// The shapes the finance views answer with: the API returns them as JSON and the
// finance screens render them. Money is a decimal string with two places; a
// unit cost may carry four.
import type { State } from "@/lib/domain/states";

export type { Account, CostingMethod } from "@/lib/domain/finance/cost-state";
export { ACCOUNTS } from "@/lib/domain/finance/cost-state";
import type { Account, CostingMethod } from "@/lib/domain/finance/cost-state";

/** A cost layer as the SKU page shows it: FIFO layers oldest first, or the one pool of an average or standard SKU. */
export type LayerView = { qty: number; unitCost: string; value: string; receivedAt: string | null; seq: number | null };

/** Units and value in one timing bucket beside the valuation (inventory-model §4, Finance). */
export type Bucket = { qty: number; value: string };

export type FinanceSkuView = {
  sku: string;
  name: string;
  method: CostingMethod;
  asOf: string;
  /** Owned units: physical states + inbound in transit under FOB shipping point + transfers + outbound under FOB destination. */
  owned: number;
  /** Value of what is owned and valued: the pool plus goods in transit at their cost. Equals the inventory accounts. */
  value: string;
  /** The current unit cost: newest FIFO layer, running average, or standard. Null before any cost is known. */
  unitCost: string | null;
  standardCost: string | null;
  layers: LayerView[];
  /** Owned units per state (only states holding some). */
  ownedByState: Partial<Record<State, number>>;
  pool: Bucket;
  inTransitOwned: { inbound: Bucket; transfer: Bucket; outbound: Bucket };
  /** Goods received (or owned in transit) not yet invoiced, at PO cost. */
  grni: Bucket;
  /** Shipped under FOB destination, not yet delivered: owned, held at the cost it shipped with. */
  shippedNotInvoiced: Bucket;
  /** Customer returns received, not yet inspected: owned, not in the value (value = what they would bring back). */
  returnsPendingInspection: Bucket;
  /** Damaged units, valued until written off. */
  pendingWriteOff: Bucket;
  /** Value per location: the pool shared by each location's valued units, plus in-transit goods at their cost. */
  locations: ValuationRow[];
};

export type ValuationRow = {
  sku: string;
  name: string;
  method: CostingMethod;
  location: string;
  owned: number;
  /** Units in the value (owned, less returns pending inspection). */
  valued: number;
  value: string;
  unitCost: string | null;
};

export type ValuationSort = "sku" | "location" | "owned" | "value" | "unitCost";

export type ValuationPage = {
  rows: ValuationRow[];
  total: number;
  page: number;
  pageCount: number;
  totals: { owned: number; valued: number; value: string };
  asOf: string;
};

export type JournalLineView = {
  id: number;
  eventId: string;
  seq: number;
  group: string;
  type: string;
  sku: string;
  location: string;
  account: Account;
  debit: string;
  credit: string;
  occurredAt: string;
  doc: string;
};

export type TrialBalanceRow = { account: Account; debit: string; credit: string; balance: string };

export type TrialBalance = { rows: TrialBalanceRow[]; debit: string; credit: string; balanced: boolean };

export type GrniRow = { sku: string; po: string; location: string; supplier: string | null; qty: number; value: string; since: string; ageDays: number };

export type ValueHistoryPoint = { day: string; value: string; owned: number };

export type ClosedPeriod = {
  period: string;
  closedAt: string;
  closedBy: string;
  trialBalance: TrialBalance;
  /** `value` and `owned` are over every stored row; `rows` is one page of them, or all when no page was asked for. */
  valuation: { rows: ValuationRow[]; value: string; owned: number; total: number; page: number; pageCount: number };
};

/** One closed month as the list of closes shows it. */
export type ClosedPeriodSummary = { period: string; closedAt: string; closedBy: string; owned: number; value: string; balanced: boolean };

/** Open GRNI per SKU and document, oldest first, one page; `value` sums every matching row. */
export type GrniAging = { rows: GrniRow[]; total: number; page: number; pageCount: number; value: string; asOf: string };

/** One page of journal lines in posting-time order. */
export type JournalPage = { lines: JournalLineView[]; total: number; page: number; pageCount: number };

/** The filter the journal list, its CSV export and the trial balance share: `from` inclusive, `to` exclusive. */
export type JournalFilter = { from?: Date; to?: Date; sku?: string; account?: Account };


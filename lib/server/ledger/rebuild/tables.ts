// What the rebuild recomputes, and how each table is compared. Every table here is
// written in the posting transaction from the ledger row(s) of one event, so each
// can be recomputed from ledger_event alone. Not here: document, reversal and the
// approvals (what requests named, not sums of moves), period_valuation and
// period_trial_balance (what a close stored, never recomputed).

export type TableSpec = {
  table: string;
  /** The columns a row is found by; absent for journal_line, compared as a multiset of whole lines. */
  key?: readonly string[];
  /** The columns compared (and, on a swap, written). */
  columns: readonly string[];
  /**
   * false for journal_line: the database refuses to change a posted line
   * (valuation_is_append_only), so a difference there is reported and blocks a
   * swap instead of being overwritten.
   */
  swappable: boolean;
};

export const TABLES: readonly TableSpec[] = [
  { table: "balance", key: ["sku_id", "location_id", "state", "bin", "doc", "channel_id"], columns: ["qty", "last_seq"], swappable: true },
  { table: "balance_day", key: ["sku_id", "day", "location_id", "state", "bin", "channel_id"], columns: ["delta"], swappable: true },
  { table: "cost_pool", key: ["sku_id"], columns: ["qty", "value", "unit_cost", "last_seq"], swappable: true },
  // A layer is found by the ledger row that created it; its id is random in posting and taken over by the rebuild.
  { table: "cost_layer", key: ["sku_id", "seq"], columns: ["id", "received_at", "unit_cost", "qty_in", "value_in", "qty_left", "value_left"], swappable: true },
  { table: "layer_move", key: ["layer_id", "seq"], columns: ["sku_id", "occurred_at", "qty", "value"], swappable: true },
  { table: "cost_holding", key: ["sku_id", "kind", "doc"], columns: ["location_id", "qty", "value"], swappable: true },
  { table: "invoice_match", key: ["sku_id", "doc"], columns: ["location_id", "unit_cost", "booked_qty", "invoiced_qty"], swappable: true },
  { table: "journal_line", columns: ["seq", "group_id", "sku_id", "location_id", "account", "debit", "credit", "occurred_at", "doc"], swappable: false },
  { table: "journal_day", key: ["sku_id", "day", "account", "location_id"], columns: ["debit", "credit"], swappable: true },
];

export const scratch = (table: string) => `${table}_rebuild`;

export function columnsOf(spec: TableSpec): string[] {
  return [...(spec.key ?? []), ...spec.columns];
}

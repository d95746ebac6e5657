// What "this SKU can be traced from order to close without a spreadsheet" means,
// check by check. The overview counts a SKU complete when none of these finds
// anything; the screen shows these words, so the definition is read where it is used.

export const TRACE_CHECKS = {
  document: "every unit-moving event of a documented type names its document (PO, order line, RMA or transfer)",
  po_confirmed: "every receipt's PO has its confirmation in the ledger",
  reserved: "every shipped order line was reserved first",
  journal_linked: "every journal line sits on a ledger row of its SKU and event group",
  close_matches: "the valuation the last close stored equals the valuation as of that month's last instant",
} as const;

export type TraceCheck = keyof typeof TRACE_CHECKS;

/** Unit-moving types whose units belong to a document: the checks ask each of their rows to name one. */
export const DOCUMENTED_TYPES = [
  "po.confirm", "po.ship", "receive",
  "reserve", "release", "pick", "pack", "ship", "deliver",
  "return.receive", "return.inspect",
  "transfer.ship", "transfer.receive",
  "dropship",
] as const;

export function isTraceCheck(value: string): value is TraceCheck {
  return Object.hasOwn(TRACE_CHECKS, value);
}

/** The share of SKUs traced complete, in whole per cent rounded down (100 only when none is missing). */
export function completeShare(total: number, incomplete: number): number {
  if (total <= 0) return 100;
  return Math.floor(((total - incomplete) * 100) / total);
}

// What the overview answers: the seed's four self-assessment questions as figures.
import type { TraceCheck } from "@/lib/domain/trace/completeness";

export type IncompleteSku = { sku: string; name: string; reasons: { check: TraceCheck; count: number; firstSeq: number | null }[] };

export type Traceability = {
  /** SKUs with any history in the ledger. */
  total: number;
  complete: number;
  /** Whole per cent, rounded down. */
  share: number;
  incomplete: IncompleteSku[];
  /** How many incomplete SKUs there are in all (the list shows the first few). */
  incompleteTotal: number;
};

export type CloseStatus = {
  period: string;
  closedAt: string;
  closedBy: string;
  /** The month's last instant, when the views are compared. */
  asOf: string;
  stored: { owned: number; value: string };
  recomputed: { owned: number; value: string; onHand: number };
  /** inventory + inventory_in_transit in the trial balance the close stored. */
  journalValue: string;
  /** SKU and location rows whose stored owned units or value differ from the recomputed ones. */
  differingRows: number;
  /** The reconciliation module's three identities (lib/server/views/reconciliation) at that instant: SKUs checked, SKUs with a remainder. */
  identities: { total: number; failing: number };
  reconciled: boolean;
};

export type AdjustmentKind = "reverse" | "count" | "writeoff";
export type AdjustmentFigures = { count: number; net: string; gross: string };
export type Adjustments = {
  thisPeriod: string;
  lastPeriod: string;
  rows: { kind: AdjustmentKind; current: AdjustmentFigures; previous: AdjustmentFigures }[];
};

export type Overview = { traceability: Traceability; close: CloseStatus | null; adjustments: Adjustments; asOf: string };

// What GET /api/v1/skus/{sku}/trace answers and the trace screen renders. Money
// is a decimal string with two places.
import type { TraceSide } from "@/lib/domain/trace/types";

export type ViewNumbers = {
  warehouse: { onHand: number; usable: number };
  sales: { committed: number; available: number; incoming: number };
  finance: { owned: number; value: string };
};

export type TraceApproval = {
  id: string;
  status: string;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
};

export type GroupLink = { group: string; seq: number };

export type TraceEntry = {
  group: string;
  /** The group's first ledger row: the cursor and the number people quote ("event #123"). */
  seq: number;
  type: string;
  label: string;
  occurredAt: string;
  recordedAt: string;
  actor: string;
  reference: string | null;
  reason: string | null;
  /** Every document the group names: its reference, the legs' PO / order line / RMA / transfer. */
  documents: string[];
  data: Record<string, unknown>;
  approval: TraceApproval | null;
  reverses: GroupLink | null;
  reversedBy: GroupLink | null;
  legs: { seq: number; qty: number; from: TraceSide | null; to: TraceSide | null; channel: string | null }[];
  journal: { seq: number; account: string; debit: string; credit: string; doc: string }[];
  effect: ViewNumbers;
  after: ViewNumbers;
};

export type TraceFilter = { reference?: string; from?: Date; to?: Date; after?: number; before?: number };

export type TracePage = {
  sku: string;
  name: string;
  filter: { reference: string | null; from: string | null; to: string | null };
  entries: TraceEntry[];
  /** Cursors: pass `after` for the next page, `before` for the previous one; null at either end. */
  next: number | null;
  previous: number | null;
};

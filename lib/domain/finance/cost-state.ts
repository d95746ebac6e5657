// What valuing an event reads and changes: a SKU's one cost pool (with its FIFO
// layers), the value held on documents outside the pool, and what each PO or
// drop ship booked to GRNI and had invoiced. Amounts are bigint cents; unit
// costs bigint with four decimals (lib/domain/money.ts).
import { PHYSICAL_STATES, type InternalState } from "../states.ts";

export type CostingMethod = "fifo" | "average" | "standard";

export const ACCOUNTS = [
  "inventory",
  "inventory_in_transit",
  "grni",
  "accounts_payable",
  "cogs",
  "purchase_price_variance",
  "writeoff_expense",
  "shrinkage",
  "revaluation",
] as const;
export type Account = (typeof ACCOUNTS)[number];

export function isAccount(value: string | undefined): value is Account {
  return value !== undefined && (ACCOUNTS as readonly string[]).includes(value);
}

/**
 * The states whose units are in the pool: owned, valued, and costed together
 * across all locations (a transfer moves units, not value).
 */
export const POOL_STATES: readonly InternalState[] = [
  // On hand, less customer returns (owned from receipt, valued only once inspected)…
  ...PHYSICAL_STATES.filter((state) => state !== "RETURN_QC"),
  // …plus units moving between our sites.
  "TRANSFER_TRANSIT",
];

export type Layer = {
  id: string;
  /** The ledger row that created it; until that row is written, a `pendingSeq`. */
  seq: number;
  receivedAt: Date;
  unitCost: bigint;
  qtyIn: number;
  valueIn: bigint;
  qtyLeft: number;
  valueLeft: bigint;
};

// A layer created by an event being valued has no ledger row yet. FIFO breaks a tie
// between layers received at the same moment by seq, and a layer created now is
// newer than every written one, so until its row is written its seq lies past every
// real seq (2^52, far beyond what a sequence reaches), in creation order, and
// carries the creating leg's index for whoever writes or replays it to settle.
const PENDING = 2 ** 52;
const LEGS = 2 ** 10;

/** The seq a layer created by leg `leg` carries until its row is written: after every layer in `layers`. */
export function pendingSeq(layers: readonly Layer[], leg: number): number {
  if (!Number.isInteger(leg) || leg < 0 || leg >= LEGS) throw new RangeError(`leg index ${leg} out of range`);
  let next = 0;
  for (const layer of layers) if (layer.seq >= PENDING) next = Math.max(next, Math.floor((layer.seq - PENDING) / LEGS) + 1);
  return PENDING + next * LEGS + leg;
}

/** The real seq of a layer once its event's rows are numbered (`seqs`, one per leg); a written seq is returned as it is. */
export function settledSeq(seq: number, seqs: readonly number[]): number {
  return seq >= PENDING ? (seqs[(seq - PENDING) % LEGS] ?? seq) : seq;
}

/**
 * Value held on a document: inbound goods owned in transit at PO cost, outbound
 * goods in transit on their order line, what an order line left at the
 * customer, and what a return will bring back once inspected.
 */
export type HoldingKind = "po_transit" | "line_transit" | "line_customer" | "rma" | "rma_open";
export type Holding = { qty: number; value: bigint; location: string };

export type PoCost = { unitCost: bigint; fob: string | null };

/** What a PO (or a drop ship, by its reference) booked to GRNI, and how much was invoiced. */
export type Match = { unitCost: bigint; booked: number; invoiced: number; location: string };

export type CostState = {
  method: CostingMethod;
  standardCost: bigint | null;
  pool: { qty: number; value: bigint; unitCost: bigint | null };
  /** Open FIFO layers (units left), in any order. */
  layers: Layer[];
  /** Keyed by holdingKey(kind, doc). */
  holdings: Record<string, Holding>;
  /** The POs the event names, by reference. */
  pos: Record<string, PoCost>;
  /** By PO or drop-ship reference. */
  matches: Record<string, Match>;
};

export function holdingKey(kind: HoldingKind, doc: string): string {
  return `${kind}|${doc}`;
}

export function emptyCostState(method: CostingMethod, standardCost: bigint | null): CostState {
  return { method, standardCost, pool: { qty: 0, value: 0n, unitCost: method === "standard" ? standardCost : null }, layers: [], holdings: {}, pos: {}, matches: {} };
}

export function cloneCostState(state: CostState): CostState {
  return {
    ...state,
    pool: { ...state.pool },
    layers: state.layers.map((layer) => ({ ...layer })),
    holdings: Object.fromEntries(Object.entries(state.holdings).map(([key, h]) => [key, { ...h }])),
    pos: { ...state.pos },
    matches: Object.fromEntries(Object.entries(state.matches).map(([key, m]) => [key, { ...m }])),
  };
}

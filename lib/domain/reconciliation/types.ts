// The three-way reconciliation (inventory-model §4, identities 1–3): the inputs a
// SKU's reconciliation is computed from, and what it answers. Quantities are
// integers; money is bigint cents inside and a two-decimal string outside.
import type { LocationSupply } from "../sales/availability.ts";
import type { InternalState } from "../states.ts";

/** A position as the balances hold it, with the document its units are tied to. */
export type Position = {
  location: string;
  state: InternalState;
  /** Channel code for RESERVED, PICKED, PACKED and OUTBOUND_TRANSIT; '' elsewhere. */
  channel: string;
  doc: string;
  qty: number;
  /** The PO's FOB term, for INBOUND_TRANSIT. */
  fob: string | null;
};

/** An event that moved units into a position (the newest first, per position). */
export type Inflow = { id: string; location: string; state: string; channel: string; doc: string; qty: number; at: string };

/** A PO (or drop ship) whose GRNI still holds a credit: received or owned, not invoiced. */
export type GrniDoc = { doc: string; location: string; qty: number; value: bigint; since: string };

export type ValueSides = {
  /** Balance of the journal's `inventory` and `inventory_in_transit` accounts. */
  journal: bigint;
  /** Σ FIFO layers, or the average/standard pool, as the costing tables hold it. */
  layers: bigint;
  /** Value held on documents in transit (cost_holding): inbound under FOB shipping point, outbound under FOB destination. */
  inboundHeld: bigint;
  outboundHeld: bigint;
};

export type ReconciliationInput = {
  asOf: string;
  channels: readonly string[];
  /** On hand per location as the warehouse reads it from the ledger's per-day sums and events, not from `balance`. */
  onHand: Record<string, number>;
  /** Owned units per location as finance counts them. */
  owned: Record<string, number>;
  /** The balances, with documents: the ATP side and every bucket read from these. */
  positions: readonly Position[];
  /** Safety stock and fences per location (incoming is not needed). */
  supplies: readonly LocationSupply[];
  inflows: readonly Inflow[];
  value: ValueSides;
  grni: readonly GrniDoc[];
};

export type Trail = {
  /** The newest events that put the bucket's units where they are, at most EVENT_CAP. */
  events: string[];
  /** How many events it took to cover the units (a lower bound when `more`). */
  eventCount: number;
  more: boolean;
  /** When the oldest of those units arrived, if known. */
  since: string | null;
};

export type Bucket = Trail & { bucket: string; label: string; qty?: number; value?: string };

export type IdentityName = "on-hand-vs-atp" | "owned-vs-on-hand" | "journal-vs-layers";

export type Identity = {
  name: IdentityName;
  /** Null: the company (all locations). */
  location: string | null;
  /** For on-hand-vs-atp: the channel whose ATP is the right side. */
  channel: string | null;
  unit: "units" | "money";
  leftLabel: string;
  rightLabel: string;
  left: number | string;
  right: number | string;
  buckets: Bucket[];
  /** left − right − Σ buckets: zero unless something is wrong. Shown anyway. */
  unexplained: number | string;
};

export type GapKind = "receiving" | "returns" | "holds" | "damaged" | "rejected" | "transfer" | "outbound" | "inbound" | "grni";

/** Units or value waiting on someone, with how long the oldest has waited. */
export type Gap = { kind: GapKind; location: string; doc: string; qty: number; value: string | null; since: string | null; ageDays: number | null; events: string[] };

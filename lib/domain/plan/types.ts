// What the planner reads and returns: the context a move is decided in, and the
// plan (legs to post, facts to keep, a document to open, an approval to ask for).
import type { EventInput } from "../event-input.ts";
import type { CostState } from "../finance/cost-state.ts";
import type { EventType } from "../event-types.ts";
import type { StockPolicy } from "../policy.ts";
import type { BalanceRow, Leg } from "../positions.ts";
import type { Role } from "../roles.ts";

export type PoDocument = { location: string; eta: Date | null; fob: string | null; unitCost: string | null };
export type OrderLineDocument = { location: string; channel: string };

/** A location's policy with the channel fences (standing quotas) there. */
export type LocationPolicy = StockPolicy & { fences: Record<string, number> };

/** The event group a reversal undoes, as it was posted. */
export type ReversalTarget = {
  group: string;
  type: string;
  firstSeq: number;
  occurredAt: Date;
  legs: Leg[];
  /** Each leg's ledger row. */
  seqs: number[];
  reference: string | null;
  reversed: boolean;
  /** What each leg took out of the cost pool (its inventory credit), for a reversal to bring back. */
  poolOut: bigint[];
};

/**
 * What events dated after this one bring into a position: the most units they
 * add, net, counted from some later moment on, and that moment. Until then the
 * position held that many fewer units than it holds now.
 */
export type LaterMoves = { arriving: number; until: string };

export type PlanContext = {
  now: Date;
  /** The event's business time: when the move happens. */
  occurredAt: Date;
  actorRole: Role;
  /**
   * Current non-zero balances of the SKU in bounded positions: every internal one,
   * and what the order line the event names left at the customer.
   */
  balances: readonly BalanceRow[];
  /** The policy at the event's location. */
  policy: LocationPolicy;
  /** The policy at every location, for moves that touch more than one. */
  policies: Readonly<Record<string, LocationPolicy>>;
  /** Every sales channel's code. */
  channels: readonly string[];
  costingMethod: "fifo" | "average" | "standard";
  /** The SKU's cost pool, layers and the documents the event names: loaded for events that can change value. */
  cost: CostState | null;
  po: PoDocument | null;
  orderLine: OrderLineDocument | null;
  /** Events dated after this one, per position key. Empty for an event dated now. */
  later: Readonly<Record<string, LaterMoves>>;
  /** What the requester already posted at once, on this SKU and location, this business day. */
  today: { writeoffQty: number; writeoffValue: string; countUnits: number };
  reversal: ReversalTarget | null;
};

export type NewDocument = {
  kind: "po" | "order_line" | "transfer";
  ref: string;
  location: string;
  channel?: string;
  eta?: Date;
  fob?: string;
  unitCost?: string;
  party?: string;
};

/** A request for approval; who may decide it follows from the type (event-types.ts). */
export type Approval = { qty: number | null; amount: string | null; summary: string };

export type Plan = {
  type: EventType | "reverse";
  legs: Leg[];
  /** Facts kept on the ledger row beside the move (unit cost, count result, …). */
  data: Record<string, unknown>;
  document?: NewDocument;
  /** Set when the event may only be posted once someone approves it. */
  approval?: Approval;
};

/** Period close moves nothing and plans nothing: it has its own path. */
export type PlannableInput = Exclude<EventInput, { type: "period.close" }>;

export type Planner<T extends PlannableInput["type"]> = (input: Extract<PlannableInput, { type: T }>, ctx: PlanContext) => Plan;

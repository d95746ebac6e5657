// What the planner reads and returns: the context a move is decided in, and the
// plan (legs to post, facts to keep, a document to open, an approval to ask for).
import type { EventInput } from "../event-input.ts";
import type { EventType } from "../event-types.ts";
import type { BalanceRow, Leg } from "../positions.ts";
import type { Permission, Role } from "../roles.ts";

export type PoDocument = { location: string; eta: Date | null; fob: string | null; unitCost: string | null };
export type OrderLineDocument = { location: string; channel: string };

export type PlanContext = {
  now: Date;
  actorRole: Role;
  /** Current non-zero balances of the SKU. */
  balances: readonly BalanceRow[];
  policy: { safetyStock: number; writeOffValue: string; countVarianceUnits: number; fences: Record<string, number> };
  costingMethod: "fifo" | "average" | "standard";
  /** Best current estimate of one unit's cost, for approval thresholds. */
  unitCostEstimate: string | null;
  po: PoDocument | null;
  orderLine: OrderLineDocument | null;
  /** True when an approved request is being posted. */
  approved: boolean;
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

export type Approval = { permission: Permission; qty: number | null; amount: string | null; summary: string };

export type Plan = {
  type: EventType;
  legs: Leg[];
  /** Facts kept on the ledger row beside the move (unit cost, count result, …). */
  data: Record<string, unknown>;
  document?: NewDocument;
  /** Set when the event may only be posted once someone approves it. */
  approval?: Approval;
};

export type PlannableInput = Exclude<EventInput, { type: "reverse" }>;

export type Planner<T extends PlannableInput["type"]> = (input: Extract<PlannableInput, { type: T }>, ctx: PlanContext) => Plan;

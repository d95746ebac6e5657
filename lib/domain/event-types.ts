// The transition table of inventory-model §3: which moves each event type may
// make, who may post it, and which approval (if any) it can require.
import type { Permission } from "./roles.ts";
import type { State } from "./states.ts";

type Rule = {
  label: string;
  permission: Permission;
  /** Allowed [from, to] pairs; an empty list means the event moves no units (a memo). */
  moves: readonly (readonly [State, State])[];
  approval?: Permission;
};

export const EVENT_RULES = {
  "po.confirm": { label: "PO confirmed", permission: "po.write", moves: [["SUPPLIER", "ON_ORDER"]] },
  "po.ship": { label: "Supplier shipped", permission: "po.write", moves: [["ON_ORDER", "INBOUND_TRANSIT"]] },
  receive: { label: "Received", permission: "receiving.write", moves: [["ON_ORDER", "RECEIVING"], ["INBOUND_TRANSIT", "RECEIVING"]] },
  inspect: {
    label: "Inspected",
    permission: "receiving.write",
    moves: [["RECEIVING", "AVAILABLE"], ["RECEIVING", "REJECTED"], ["RECEIVING", "QUALITY_HOLD"]],
  },
  "vendor.return": { label: "Returned to vendor", permission: "receiving.write", moves: [["REJECTED", "SUPPLIER"]] },
  reserve: { label: "Order confirmed", permission: "order.write", moves: [["AVAILABLE", "RESERVED"]] },
  release: { label: "Reservation released", permission: "order.write", moves: [["RESERVED", "AVAILABLE"]] },
  pick: { label: "Picked", permission: "fulfilment.write", moves: [["RESERVED", "PICKED"]] },
  pack: { label: "Packed", permission: "fulfilment.write", moves: [["PICKED", "PACKED"]] },
  ship: { label: "Shipped", permission: "fulfilment.write", moves: [["PACKED", "OUTBOUND_TRANSIT"], ["PACKED", "CUSTOMER"]] },
  deliver: { label: "Delivered", permission: "fulfilment.write", moves: [["OUTBOUND_TRANSIT", "CUSTOMER"]] },
  // Against an order line a return is bounded by what the line left at the customer; without one, another person approves it.
  "return.receive": { label: "Return received", permission: "returns.write", moves: [["CUSTOMER", "RETURN_QC"]], approval: "returns.approve" },
  "return.inspect": { label: "Return inspected", permission: "returns.write", moves: [["RETURN_QC", "AVAILABLE"], ["RETURN_QC", "DAMAGED"]] },
  hold: { label: "Hold placed", permission: "hold.write", moves: [["AVAILABLE", "QUALITY_HOLD"]] },
  "hold.release": { label: "Hold release", permission: "hold.write", moves: [["QUALITY_HOLD", "AVAILABLE"]], approval: "hold.approve" },
  damage: {
    label: "Damage reported",
    permission: "damage.write",
    moves: [["AVAILABLE", "DAMAGED"], ["RESERVED", "DAMAGED"], ["PICKED", "DAMAGED"], ["PACKED", "DAMAGED"]],
  },
  writeoff: { label: "Write-off", permission: "writeoff.request", moves: [["DAMAGED", "SCRAP"]], approval: "writeoff.approve" },
  "transfer.ship": { label: "Transfer shipped", permission: "transfer.write", moves: [["AVAILABLE", "TRANSFER_TRANSIT"]] },
  "transfer.receive": {
    label: "Transfer received",
    permission: "transfer.write",
    moves: [["TRANSFER_TRANSIT", "RECEIVING"], ["TRANSFER_TRANSIT", "AVAILABLE"]],
  },
  count: {
    label: "Cycle count",
    permission: "count.write",
    moves: [["COUNT_ADJUSTMENT", "AVAILABLE"], ["AVAILABLE", "COUNT_ADJUSTMENT"]],
    approval: "count.approve",
  },
  dropship: { label: "Drop ship", permission: "dropship.write", moves: [["SUPPLIER", "CUSTOMER"]] },
  "invoice.match": { label: "Supplier invoice matched", permission: "invoice.write", moves: [] },
  "cost.change": { label: "Standard cost change", permission: "cost.write", moves: [], approval: "cost.approve" },
  "period.close": { label: "Period closed", permission: "period.close", moves: [] },
} as const satisfies Record<string, Rule>;

export type EventType = keyof typeof EVENT_RULES;
export const EVENT_TYPES = Object.keys(EVENT_RULES) as EventType[];

export function ruleFor(type: EventType): Rule {
  return EVENT_RULES[type];
}

export function isAllowedMove(type: EventType, from: State, to: State): boolean {
  return ruleFor(type).moves.some(([f, t]) => f === from && t === to);
}

/** Event types whose approval, if required, is decided by this permission. */
export function approvalPermission(type: EventType): Permission | undefined {
  return ruleFor(type).approval;
}

export function isEventType(value: string): value is EventType {
  return Object.hasOwn(EVENT_RULES, value);
}

/**
 * A reversal needs the approval the opposite move needs: the reversed type's own
 * (undoing an approved write-off or count is approved like one), or that of the
 * type whose move is the opposite (undoing a hold is releasing it).
 */
export function reversalApproval(original: EventType): Permission | undefined {
  const own = ruleFor(original).approval;
  if (own) return own;
  const opposite = (rule: Rule) => rule.moves.some(([from, to]) => ruleFor(original).moves.some(([f, t]) => f === to && t === from));
  return (Object.values(EVENT_RULES) as Rule[]).find((rule) => rule.approval && opposite(rule))?.approval;
}

/** Who may decide a request: the approval permission of its type, or for a reversal, of the type it reverses. */
export function decisionPermission(type: string, reversesType?: string): Permission | undefined {
  if (type === "reverse") return reversesType && isEventType(reversesType) ? reversalApproval(reversesType) : undefined;
  return isEventType(type) ? approvalPermission(type) : undefined;
}

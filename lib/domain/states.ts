// Positions a unit can be in (inventory-model §2). External states are sources
// and sinks, so every event nets to zero over all positions of a SKU.
export const INTERNAL_STATES = [
  "ON_ORDER",
  "INBOUND_TRANSIT",
  "RECEIVING",
  "AVAILABLE",
  "RESERVED",
  "PICKED",
  "PACKED",
  "OUTBOUND_TRANSIT",
  "TRANSFER_TRANSIT",
  "QUALITY_HOLD",
  "DAMAGED",
  "RETURN_QC",
  "REJECTED",
] as const;

export const EXTERNAL_STATES = ["SUPPLIER", "CUSTOMER", "SCRAP", "COUNT_ADJUSTMENT"] as const;

export type InternalState = (typeof INTERNAL_STATES)[number];
export type ExternalState = (typeof EXTERNAL_STATES)[number];
export type State = InternalState | ExternalState;

export const ALL_STATES: readonly State[] = [...INTERNAL_STATES, ...EXTERNAL_STATES];

export function isExternal(state: State): state is ExternalState {
  return (EXTERNAL_STATES as readonly string[]).includes(state);
}

export function isState(value: string): value is State {
  return (ALL_STATES as readonly string[]).includes(value);
}

/** In our building: the warehouse's on-hand (§4). */
export const PHYSICAL_STATES: readonly InternalState[] = [
  "RECEIVING",
  "AVAILABLE",
  "RESERVED",
  "PICKED",
  "PACKED",
  "QUALITY_HOLD",
  "DAMAGED",
  "RETURN_QC",
  "REJECTED",
];

export const USABLE_STATES: readonly InternalState[] = ["AVAILABLE", "RESERVED", "PICKED", "PACKED"];
export const COMMITTED_STATES: readonly InternalState[] = ["RESERVED", "PICKED", "PACKED"];
export const NOT_SELLABLE_STATES: readonly InternalState[] = ["RECEIVING", "QUALITY_HOLD", "DAMAGED", "RETURN_QC", "REJECTED"];
export const INCOMING_STATES: readonly InternalState[] = ["ON_ORDER", "INBOUND_TRANSIT", "TRANSFER_TRANSIT"];

/** Units stay in a bin while they are in these states; elsewhere the bin is empty. */
export const BINNED_STATES: readonly InternalState[] = PHYSICAL_STATES;

/** States whose units are tied to a document (PO, order line, transfer, RMA). */
export const DOC_STATES: readonly InternalState[] = [
  "ON_ORDER",
  "INBOUND_TRANSIT",
  "RESERVED",
  "PICKED",
  "PACKED",
  "OUTBOUND_TRANSIT",
  "TRANSFER_TRANSIT",
  "RETURN_QC",
];

/** States whose units carry the sales channel they are committed to. */
export const CHANNEL_STATES: readonly InternalState[] = ["RESERVED", "PICKED", "PACKED", "OUTBOUND_TRANSIT"];

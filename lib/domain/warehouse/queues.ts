// The warehouse's work queues: each is the units sitting in one state, waiting
// for one kind of event. The event a queue's action posts is built here, so the
// screen, the tests and the API all post the same thing.
import type { InternalState } from "../states.ts";
import type { EventType } from "../event-types.ts";

export type QueueItem = {
  sku: string;
  name: string;
  location: string;
  bin: string;
  /** The PO, order line, RMA or transfer the units are held under ('' when none). */
  doc: string;
  channel: string;
  qty: number;
  /** When the oldest of these units arrived in this position. */
  since: string;
  /** Units of this position already in a pending approval request (a release or a write-off asked for). */
  requested: number;
};

type Choice = { value: string; label: string };

export type QueueDefinition = {
  key: string;
  title: string;
  state: InternalState;
  /** Further states the queue takes units from (a PO is received whether or not the supplier said it shipped). */
  also?: readonly InternalState[];
  /** The action names the bin the units go into. */
  intoBin?: boolean;
  /** What the lead does with the units, as the button says it. */
  verb: string;
  /** Options of the action (inspection result, FOB term); the first is the default. */
  choices?: { field: "result" | "fob"; label: string; options: readonly Choice[] };
  /** Says that the action asks for an approval instead of posting. */
  approval?: string;
  docLabel?: string;
};

export const QUEUES = [
  { key: "inbound", title: "Purchase orders to receive", state: "INBOUND_TRANSIT", also: ["ON_ORDER"], verb: "Receive", docLabel: "PO", intoBin: true },
  {
    key: "receiving",
    title: "Receipts to inspect",
    state: "RECEIVING",
    verb: "Inspect",
    choices: {
      field: "result",
      label: "Result",
      options: [
        { value: "pass", label: "Pass → available" },
        { value: "reject", label: "Reject → return to vendor" },
        { value: "hold", label: "Hold → quality hold" },
      ],
    },
  },
  { key: "pick", title: "Reservations to pick", state: "RESERVED", verb: "Pick", docLabel: "Order line" },
  { key: "pack", title: "Picked to pack", state: "PICKED", verb: "Pack", docLabel: "Order line" },
  {
    key: "ship",
    title: "Packed to ship",
    state: "PACKED",
    verb: "Ship",
    docLabel: "Order line",
    choices: {
      field: "fob",
      label: "FOB term",
      options: [
        { value: "destination", label: "FOB destination (in transit until delivered)" },
        { value: "shipping_point", label: "FOB shipping point (the customer's at the dock)" },
      ],
    },
  },
  { key: "deliver", title: "In transit to deliver", state: "OUTBOUND_TRANSIT", verb: "Deliver", docLabel: "Order line" },
  {
    key: "returns",
    title: "Returns to inspect",
    state: "RETURN_QC",
    verb: "Inspect",
    docLabel: "RMA",
    choices: {
      field: "result",
      label: "Result",
      options: [
        { value: "restock", label: "Restock → available" },
        { value: "damaged", label: "Damaged" },
      ],
    },
  },
  { key: "holds", title: "Holds to release", state: "QUALITY_HOLD", verb: "Ask to release", approval: "Another warehouse user approves the release." },
  { key: "damaged", title: "Damaged awaiting write-off", state: "DAMAGED", verb: "Request write-off", approval: "Finance approves the write-off." },
  { key: "rejected", title: "Rejected awaiting return to vendor", state: "REJECTED", verb: "Return to vendor" },
] as const satisfies readonly QueueDefinition[];

export type QueueKey = (typeof QUEUES)[number]["key"];

export function queueByKey(key: string): QueueDefinition | undefined {
  return (QUEUES as readonly QueueDefinition[]).find((queue) => queue.key === key);
}

export const queueStates = (queue: QueueDefinition): InternalState[] => [queue.state, ...(queue.also ?? [])];

export const QUEUE_STATES: readonly InternalState[] = (QUEUES as readonly QueueDefinition[]).flatMap(queueStates);

/** The type of event a queue's action posts (what a role must be allowed to post to act on the queue). */
export function queueEventType(queue: QueueDefinition): EventType {
  return queueEvent(queue.key as QueueKey, { sku: "", location: "", bin: "", doc: "" }, 0).type as EventType;
}

/** The event a queue's action posts for `qty` of one item, with the choice made (result, FOB). */
export function queueEvent(
  key: QueueKey,
  item: Pick<QueueItem, "sku" | "location" | "bin" | "doc">,
  qty: number,
  options: { choice?: string; reason?: string; bin?: string } = {},
): Record<string, unknown> {
  const { choice, reason } = options;
  const at = { sku: item.sku, location: item.location, qty, ...(item.bin ? { bin: item.bin } : {}) };
  const why = reason?.trim() ? { reason: reason.trim() } : {};
  switch (key) {
    case "inbound":
      return { type: "receive", sku: item.sku, location: item.location, qty, reference: item.doc, ...(options.bin?.trim() ? { bin: options.bin.trim() } : {}) };
    case "receiving":
      return { type: "inspect", ...at, result: choice ?? "pass" };
    case "pick":
      return { type: "pick", ...at, orderLine: item.doc };
    case "pack":
      return { type: "pack", ...at, orderLine: item.doc };
    case "ship":
      return { type: "ship", ...at, orderLine: item.doc, fob: choice ?? "destination" };
    case "deliver":
      return { type: "deliver", ...at, orderLine: item.doc };
    case "returns":
      return { type: "return.inspect", ...at, rma: item.doc, result: choice ?? "restock" };
    case "holds":
      return { type: "hold.release", ...at, ...why };
    case "damaged":
      return { type: "writeoff", ...at, ...why };
    case "rejected":
      return { type: "vendor.return", ...at, ...why };
  }
}

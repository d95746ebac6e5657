// Short labels for states, so a 14-column grid fits a tablet.
import type { InternalState } from "@/lib/domain/states";

export const STATE_LABEL: Record<InternalState, string> = {
  ON_ORDER: "On order",
  INBOUND_TRANSIT: "Inbound",
  RECEIVING: "Receiving",
  AVAILABLE: "Available",
  RESERVED: "Reserved",
  PICKED: "Picked",
  PACKED: "Packed",
  OUTBOUND_TRANSIT: "Outbound",
  TRANSFER_TRANSIT: "Transfer in",
  QUALITY_HOLD: "Hold",
  DAMAGED: "Damaged",
  RETURN_QC: "Return QC",
  REJECTED: "Rejected",
};

const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
export const whenText = (iso: string) => `${DATE.format(new Date(iso))} UTC`;

/** "2026-11-25T10:00" for a datetime-local input, in UTC like every time Concord shows. */
export const localInput = (iso: string | null) => (iso ? iso.slice(0, 16) : "");

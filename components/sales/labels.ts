import type { ChannelOption } from "@/lib/server/views/sales";

// Ledger words turned into a rep's words: the breakdown's buckets and the
// states of incoming stock.
const NOT_SELLABLE: Record<string, string> = {
  RECEIVING: "Awaiting inspection",
  QUALITY_HOLD: "On quality hold",
  DAMAGED: "Damaged",
  RETURN_QC: "Returns being checked",
  REJECTED: "Rejected, going back to the supplier",
};

const INCOMING: Record<string, string> = {
  ON_ORDER: "On order",
  INBOUND_TRANSIT: "On its way from the supplier",
  TRANSFER_TRANSIT: "Transfer on its way",
};

export function channelName(channels: readonly ChannelOption[], code: string): string {
  return channels.find((channel) => channel.code === code)?.name ?? code;
}

export type BucketKind = "committed" | "own-committed" | "not-sellable" | "safety" | "fence";

/** "committed:web" → "Committed to Web shop orders", and what kind of reduction it is. */
export function bucketLabel(bucket: string, channel: string, channels: readonly ChannelOption[]): { label: string; kind: BucketKind; hint: string } {
  const [kind, rest = ""] = bucket.split(":");
  if (kind === "committed") {
    const own = rest === channel;
    return {
      label: `Committed to ${channelName(channels, rest)} orders`,
      kind: own ? "own-committed" : "committed",
      hint: own ? "Reserved, picked or packed for your channel's order lines." : "Reserved, picked or packed for another channel.",
    };
  }
  if (kind === "not-sellable") return { label: NOT_SELLABLE[rest] ?? rest.toLowerCase(), kind: "not-sellable", hint: "In the building but not sellable yet." };
  if (kind === "safety-stock") return { label: "Safety stock", kind: "safety", hint: "Kept back for surprises; never promised." };
  if (kind === "fence") {
    return { label: `Set aside for ${channelName(channels, rest)}`, kind: "fence", hint: "A standing quota for that channel that its orders have not used up." };
  }
  return { label: bucket, kind: "committed", hint: "" };
}

export function incomingLabel(state: string): string {
  return INCOMING[state] ?? state;
}

export const RESERVATION_STATE: Record<string, string> = {
  RESERVED: "Reserved",
  PICKED: "Picked",
  PACKED: "Packed",
};

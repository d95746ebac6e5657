// Identities 1 and 2 of inventory-model §4, per location. Each side comes from a
// different reader so that a wrong balance cannot cancel out: on hand from the
// ledger's per-day sums and events, ATP from the one formula (atp.ts) over the
// balances, owned as finance counts it, and every bucket from the balances.
import { atpBreakdown } from "../sales/availability.ts";
import type { LocationSupply } from "../sales/availability.ts";
import { COMMITTED_STATES } from "../states.ts";
import { trailOf, NO_TRAIL } from "./attribution.ts";
import type { Bucket, Identity, Inflow, Position } from "./types.ts";

const STATE_LABEL: Record<string, string> = {
  RECEIVING: "Received, not inspected",
  QUALITY_HOLD: "On quality hold",
  DAMAGED: "Damaged, awaiting write-off",
  RETURN_QC: "Returns awaiting inspection",
  REJECTED: "Rejected, awaiting return to vendor",
};

function labelOf(bucket: string): string {
  const [kind, detail] = bucket.split(":");
  if (kind === "committed") return `Committed · ${detail}`;
  if (kind === "not-sellable") return STATE_LABEL[detail] ?? detail;
  if (kind === "fence") return `Unconsumed fence · ${detail}`;
  if (kind === "safety-stock") return "Safety stock";
  return bucket;
}

/** The balances behind an ATP bucket: committed units of a channel, or units in a state. */
function positionsOf(bucket: string, at: readonly Position[]): Position[] {
  const [kind, detail] = bucket.split(":");
  if (kind === "committed") return at.filter((p) => COMMITTED_STATES.includes(p.state) && p.channel === detail);
  if (kind === "not-sellable") return at.filter((p) => p.state === detail);
  return [];
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** onHand − ATP(channel, today) = committed + not sellable + safety stock + other channels' unconsumed fences. */
export function atpIdentity(
  location: string, channel: string, onHand: number, supply: LocationSupply, positions: readonly Position[], index: Map<string, Inflow[]>,
): Identity {
  const { atp, buckets: raw } = atpBreakdown(supply, channel);
  const here = positions.filter((p) => p.location === location);
  const buckets: Bucket[] = raw.map(({ bucket, qty }) => {
    const behind = positionsOf(bucket, here);
    return { bucket, label: labelOf(bucket), qty, ...(behind.length ? trailOf(behind, index) : NO_TRAIL) };
  });
  return {
    name: "on-hand-vs-atp", location, channel, unit: "units",
    leftLabel: "On hand", rightLabel: `ATP · ${channel}`,
    left: onHand, right: atp, buckets,
    unexplained: onHand - atp - sum(buckets.map((b) => b.qty ?? 0)),
  };
}

/** Owned units away from our buildings, as the model counts them owned. */
export const TRANSIT_BUCKETS = [
  { bucket: "inbound-fob-shipping-point", label: "Inbound in transit (FOB shipping point)", holds: (p: Position) => p.state === "INBOUND_TRANSIT" && p.fob === "shipping_point" },
  { bucket: "transfer-transit", label: "Transfers in transit", holds: (p: Position) => p.state === "TRANSFER_TRANSIT" },
  { bucket: "outbound-transit", label: "Shipped, not delivered (FOB destination)", holds: (p: Position) => p.state === "OUTBOUND_TRANSIT" },
] as const;

/** owned − onHand = inbound in transit under FOB shipping point + transfers in transit + outbound in transit. */
export function ownedIdentity(location: string, owned: number, onHand: number, positions: readonly Position[], index: Map<string, Inflow[]>): Identity {
  const here = positions.filter((p) => p.location === location);
  const buckets: Bucket[] = TRANSIT_BUCKETS.map(({ bucket, label, holds }) => {
    const behind = here.filter(holds);
    return { bucket, label, qty: sum(behind.map((p) => p.qty)), ...trailOf(behind, index) };
  }).filter((b) => b.qty !== 0);
  return {
    name: "owned-vs-on-hand", location, channel: null, unit: "units",
    leftLabel: "Owned", rightLabel: "On hand",
    left: owned, right: onHand, buckets,
    unexplained: owned - onHand - sum(buckets.map((b) => b.qty ?? 0)),
  };
}

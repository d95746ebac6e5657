// Identity 3 of inventory-model §4: the journal's inventory accounts against the
// cost layers (FIFO) or pool (average, standard), to the cent. The journal also
// holds goods in transit at their own cost, on documents outside the pool, so
// those are the buckets between the two numbers.
import { AMOUNT_SCALE, fromMinor } from "../money.ts";
import { trailOf } from "./attribution.ts";
import type { Identity, Inflow, Position, ValueSides } from "./types.ts";

const money = (cents: bigint) => fromMinor(cents, AMOUNT_SCALE);

export function valueIdentity(value: ValueSides, positions: readonly Position[], index: Map<string, Inflow[]>): Identity {
  const inbound = positions.filter((p) => p.state === "INBOUND_TRANSIT" && p.fob === "shipping_point");
  const outbound = positions.filter((p) => p.state === "OUTBOUND_TRANSIT");
  const buckets = [
    { bucket: "inbound-held", label: "Inbound owned in transit, at PO cost", cents: value.inboundHeld, ...trailOf(inbound, index) },
    { bucket: "outbound-held", label: "Outbound in transit, at the cost shipped", cents: value.outboundHeld, ...trailOf(outbound, index) },
  ].filter((b) => b.cents !== 0n);
  const unexplained = value.journal - value.layers - buckets.reduce((t, b) => t + b.cents, 0n);
  return {
    name: "journal-vs-layers", location: null, channel: null, unit: "money",
    leftLabel: "Journal: inventory + in transit", rightLabel: "Cost layers",
    left: money(value.journal), right: money(value.layers),
    buckets: buckets.map(({ cents, ...b }) => ({ ...b, value: money(cents) })),
    unexplained: money(unexplained),
  };
}

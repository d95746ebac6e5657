// Timing gaps: units or value waiting on someone, with the age of the oldest, so
// the team sees what to chase. Each kind is cleared by one queue (the screen links it).
import { AMOUNT_SCALE, fromMinor } from "../money.ts";
import { trailOf } from "./attribution.ts";
import type { Gap, GapKind, GrniDoc, Inflow, Position } from "./types.ts";

const DAY_MS = 86_400_000;

/** Per location, all documents together; transit kinds per document (each is a shipment to chase). */
const BY_STATE: { state: string; kind: GapKind; perDoc: boolean; only?: (p: Position) => boolean }[] = [
  { state: "RECEIVING", kind: "receiving", perDoc: false },
  { state: "RETURN_QC", kind: "returns", perDoc: false },
  { state: "QUALITY_HOLD", kind: "holds", perDoc: false },
  { state: "DAMAGED", kind: "damaged", perDoc: false },
  { state: "REJECTED", kind: "rejected", perDoc: false },
  { state: "TRANSFER_TRANSIT", kind: "transfer", perDoc: true },
  { state: "OUTBOUND_TRANSIT", kind: "outbound", perDoc: true },
  { state: "INBOUND_TRANSIT", kind: "inbound", perDoc: true, only: (p) => p.fob === "shipping_point" },
];

const ageOf = (since: string | null, asOf: string) => (since ? Math.max(0, Math.floor((Date.parse(asOf) - Date.parse(since)) / DAY_MS)) : null);

export function timingGaps(positions: readonly Position[], index: Map<string, Inflow[]>, grni: readonly GrniDoc[], asOf: string): Gap[] {
  const gaps: Gap[] = [];
  for (const { state, kind, perDoc, only } of BY_STATE) {
    const groups = new Map<string, Position[]>();
    for (const p of positions) {
      if (p.state !== state || p.qty <= 0 || (only && !only(p))) continue;
      const key = perDoc ? `${p.location}|${p.doc}` : p.location;
      groups.set(key, [...(groups.get(key) ?? []), p]);
    }
    for (const group of groups.values()) {
      const trail = trailOf(group, index);
      gaps.push({
        kind, location: group[0].location, doc: perDoc ? group[0].doc : "", qty: group.reduce((t, p) => t + p.qty, 0), value: null,
        since: trail.since, ageDays: ageOf(trail.since, asOf), events: trail.events,
      });
    }
  }
  for (const doc of grni) {
    gaps.push({ kind: "grni", location: doc.location, doc: doc.doc, qty: doc.qty, value: fromMinor(doc.value, AMOUNT_SCALE), since: doc.since, ageDays: ageOf(doc.since, asOf), events: [] });
  }
  // The longest wait first: that is what to chase. Ties in a fixed order, whatever order the positions came in.
  return gaps.sort(
    (a, b) =>
      (b.ageDays ?? -1) - (a.ageDays ?? -1) || a.kind.localeCompare(b.kind) || (a.since ?? "").localeCompare(b.since ?? "") ||
      a.location.localeCompare(b.location) || a.doc.localeCompare(b.doc),
  );
}

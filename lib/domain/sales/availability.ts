// What sales can promise (inventory-model §4, Sales), per location and for a
// channel as a whole: ATP today, the dated ATP curve with incoming stock, the
// earliest date for N units, and why ATP is lower than on hand. Pure functions
// over one SKU's balances and policies; ATP today itself is defined once, in atp.ts.
import { atpToday, unconsumedFence, type AtpInput } from "../atp.ts";
import { COMMITTED_STATES, NOT_SELLABLE_STATES, PHYSICAL_STATES, type InternalState } from "../states.ts";
import { addDays } from "./days.ts";

export type IncomingState = "ON_ORDER" | "INBOUND_TRANSIT" | "TRANSFER_TRANSIT";

/** Units on their way to a location under one document, with the document's ETA (a business day). */
export type Incoming = { ref: string; state: IncomingState; qty: number; eta: string | null };

export type LocationSupply = {
  location: string;
  /** Units per internal state at the location, all bins together. */
  states: Partial<Record<InternalState, number>>;
  /** Units in RESERVED, PICKED and PACKED per channel. */
  committed: Record<string, number>;
  safetyStock: number;
  inspectionLeadDays: number;
  /** Standing quotas of on-hand stock, by channel. */
  fences: Record<string, number>;
  incoming: Incoming[];
};

/** An incoming document as sales sees it: sellable from `availableOn` (ETA + inspection lead days). */
export type DatedIncoming = Incoming & {
  availableOn: string | null;
  /** The ETA has passed and the units have not arrived: not counted until they do. */
  overdue: boolean;
};

export const DEFAULT_HORIZON_DAYS = 90;

export function atpInput(supply: LocationSupply): AtpInput {
  return { available: supply.states.AVAILABLE ?? 0, safetyStock: supply.safetyStock, fences: supply.fences, committed: supply.committed };
}

/** AVAILABLE − safety stock: may be negative. */
export function sellable(supply: LocationSupply): number {
  return (supply.states.AVAILABLE ?? 0) - supply.safetyStock;
}

export function committedTotal(supply: LocationSupply): number {
  return COMMITTED_STATES.reduce((total, state) => total + (supply.states[state] ?? 0), 0);
}

export function onHand(supply: LocationSupply): number {
  return PHYSICAL_STATES.reduce((total, state) => total + (supply.states[state] ?? 0), 0);
}

export function datedIncoming(supply: LocationSupply, today: string): DatedIncoming[] {
  return supply.incoming
    .filter((item) => item.qty > 0)
    .map((item) => ({
      ...item,
      availableOn: item.eta === null ? null : addDays(item.eta, supply.inspectionLeadDays),
      overdue: item.eta !== null && item.eta < today,
    }))
    .sort((a, b) => (a.availableOn ?? "9999").localeCompare(b.availableOn ?? "9999") || a.ref.localeCompare(b.ref));
}

/** Incoming that counts: dated, not overdue, sellable within the horizon. */
function counted(supply: LocationSupply, today: string, horizonDays: number): DatedIncoming[] {
  const end = addDays(today, horizonDays);
  return datedIncoming(supply, today).filter((item) => !item.overdue && item.availableOn !== null && item.availableOn <= end);
}

export type CurvePoint = { date: string; atp: number; arriving: number; refs: string[] };

/**
 * ATP(channel, date) as a step curve: today's ATP, then a step on each day
 * incoming stock becomes sellable. Incoming units are not fenced, so they add
 * to every channel's ATP in full.
 */
export function atpCurve(supply: LocationSupply, channel: string, today: string, horizonDays = DEFAULT_HORIZON_DAYS): CurvePoint[] {
  const points: CurvePoint[] = [{ date: today, atp: atpToday(atpInput(supply), channel), arriving: 0, refs: [] }];
  for (const item of counted(supply, today, horizonDays)) {
    const date = item.availableOn! < today ? today : item.availableOn!;
    const last = points[points.length - 1];
    if (last.date === date) {
      last.atp += item.qty;
      last.arriving += item.qty;
      last.refs.push(item.ref);
    } else {
      points.push({ date, atp: last.atp + item.qty, arriving: item.qty, refs: [item.ref] });
    }
  }
  return points;
}

/**
 * The channel's dated ATP over the locations serving it: on each date, the sum of
 * what each location can promise then (a shortfall at one location does not
 * borrow from another's stock).
 */
export function channelCurve(supplies: readonly LocationSupply[], channel: string, today: string, horizonDays = DEFAULT_HORIZON_DAYS): CurvePoint[] {
  return sumCurves(supplies.map((supply) => atpCurve(supply, channel, today, horizonDays)), today);
}

/**
 * Locations' dated ATP curves added up by date. By default each location counts
 * what it can promise (a shortfall counts as none); `signed` adds the model's
 * signed ATP of the set of locations, shortfalls included, as identity 1 reads it.
 */
export function sumCurves(curves: readonly CurvePoint[][], today: string, options: { signed?: boolean } = {}): CurvePoint[] {
  const dates = [...new Set([today, ...curves.flatMap((curve) => curve.map((point) => point.date))])].sort();
  const at = (curve: readonly CurvePoint[], date: string) => curve.filter((point) => point.date <= date).at(-1);
  return dates.map((date) => {
    const here = curves.flatMap((curve) => at(curve, date) ?? []);
    const arriving = curves.flatMap((curve) => curve.filter((point) => point.date === date && point.arriving > 0));
    return {
      date,
      atp: here.reduce((total, point) => total + (options.signed ? point.atp : Math.max(0, point.atp)), 0),
      arriving: arriving.reduce((total, point) => total + point.arriving, 0),
      refs: arriving.flatMap((point) => point.refs),
    };
  });
}

export type LocationPromise = {
  location: string;
  atpToday: number;
  /** The earliest day the location can promise the quantity, or null within the horizon. */
  date: string | null;
  /** The receipts that date relies on. */
  relies: DatedIncoming[];
  /** Units still missing at the horizon (0 when the quantity can be promised). */
  shortBy: number;
};

export function promiseAt(supply: LocationSupply, channel: string, qty: number, today: string, horizonDays = DEFAULT_HORIZON_DAYS): LocationPromise {
  const curve = atpCurve(supply, channel, today, horizonDays);
  const hit = curve.find((point) => point.atp >= qty);
  const refs = new Set(hit ? curve.filter((point) => point.date <= hit.date).flatMap((point) => point.refs) : []);
  return {
    location: supply.location,
    atpToday: curve[0].atp,
    date: hit?.date ?? null,
    relies: counted(supply, today, horizonDays).filter((item) => refs.has(item.ref)),
    shortBy: hit ? 0 : qty - Math.max(0, curve[curve.length - 1].atp),
  };
}

export type ChannelPromise = {
  qty: number;
  channel: string;
  /** The location that can serve one order line of `qty` soonest (ties: the most ATP today). */
  best: LocationPromise | null;
  locations: LocationPromise[];
  /** Units missing at the best location by the horizon, when no location can promise it. */
  missing: number;
};

/** An order line is served from one location: the promise is the soonest of the locations serving the channel. */
export function promise(supplies: readonly LocationSupply[], channel: string, qty: number, today: string, horizonDays = DEFAULT_HORIZON_DAYS): ChannelPromise {
  const locations = supplies.map((supply) => promiseAt(supply, channel, qty, today, horizonDays));
  const candidates = locations.filter((l) => l.date !== null).sort((a, b) => a.date!.localeCompare(b.date!) || b.atpToday - a.atpToday);
  const best = candidates[0] ?? null;
  return { qty, channel, best, locations, missing: best ? 0 : Math.min(...locations.map((l) => l.shortBy), qty) };
}

export type AtpBucket = { bucket: string; qty: number };

/**
 * Why ATP is lower than on hand (reconciliation identity 1 of §4):
 * onHand − ATP(c) = committed per channel + not sellable by state + safety stock + other channels' unconsumed fences.
 * Channels are listed by code, whatever order the balances were read in.
 */
export function atpBreakdown(supply: LocationSupply, channel: string): { onHand: number; atp: number; buckets: AtpBucket[] } {
  const input = atpInput(supply);
  const buckets: AtpBucket[] = [
    ...Object.keys(supply.committed)
      .sort()
      .map((c) => ({ bucket: `committed:${c}`, qty: supply.committed[c] })),
    ...NOT_SELLABLE_STATES.map((state) => ({ bucket: `not-sellable:${state}`, qty: supply.states[state] ?? 0 })),
    { bucket: "safety-stock", qty: supply.safetyStock },
    ...Object.keys(supply.fences)
      .filter((other) => other !== channel)
      .sort()
      .map((other) => ({ bucket: `fence:${other}`, qty: unconsumedFence(input, other) })),
  ].filter((bucket) => bucket.qty !== 0);
  return { onHand: onHand(supply), atp: atpToday(input, channel), buckets };
}

export type ChannelAvailability = {
  channel: string;
  sellable: number;
  committed: number;
  safetyStock: number;
  /** Σ of what each location can promise today (a location's shortfall does not borrow from another's stock). */
  atp: number;
  /** Σ of the locations' negative ATPs: commitments and quotas beyond what is there. */
  shortfall: number;
  incoming: (DatedIncoming & { location: string })[];
  locations: { location: string; atp: number; sellable: number; committed: number; onHand: number }[];
};

export function channelAvailability(supplies: readonly LocationSupply[], channel: string, today: string): ChannelAvailability {
  const locations = supplies.map((supply) => ({
    location: supply.location,
    atp: atpToday(atpInput(supply), channel),
    sellable: sellable(supply),
    committed: committedTotal(supply),
    onHand: onHand(supply),
  }));
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  return {
    channel,
    sellable: sum(locations.map((l) => l.sellable)),
    committed: sum(locations.map((l) => l.committed)),
    safetyStock: sum(supplies.map((s) => s.safetyStock)),
    atp: sum(locations.map((l) => Math.max(0, l.atp))),
    shortfall: sum(locations.map((l) => Math.min(0, l.atp))),
    incoming: supplies.flatMap((supply) => datedIncoming(supply, today).map((item) => ({ ...item, location: supply.location }))),
    locations,
  };
}

/** "14 March": a business day as a rep reads it. */
export function dayInWords(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", timeZone: "UTC" });
}

/** Why a reservation cannot be taken today, and when it could be, in a rep's words. */
export function refusalInWords(p: ChannelPromise, horizonDays = DEFAULT_HORIZON_DAYS): string {
  const today = Math.max(0, ...p.locations.map((l) => l.atpToday));
  const only = `Only ${today} available to promise on ${p.channel} today`;
  if (!p.best) {
    // `missing` counts at the location nearest to it by the horizon, receipts included: say so.
    const where = p.locations.length > 1 ? " at any one location (an order line is served from one)" : "";
    return `${only}${where}; even with the receipts due in the next ${horizonDays} days, ${p.missing} of the ${p.qty} would still be missing.`;
  }
  const arriving = p.best.relies.reduce((total, item) => total + item.qty, 0);
  const receipts = p.best.relies.map((item) => item.ref).join(", ");
  return `${only}; ${arriving} more arrive on ${dayInWords(p.best.date!)} at ${p.best.location}${receipts ? ` (${receipts})` : ""}, so all ${p.qty} can be promised from then.`;
}

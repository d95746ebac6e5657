// Rebalancing: one location short of a SKU while another holds more than it
// needs. Short means below safety stock, or a negative ATP for a channel the
// location serves; surplus is what stays beyond safety stock, every channel's
// unconsumed fence and the demand expected over the cover period. ATP itself
// comes from atp.ts: it is defined once.
import { atpToday, type AtpInput } from "../atp.ts";

export type LocationStock = {
  location: string;
  available: number;
  safetyStock: number;
  /** Standing channel quotas, by channel code. */
  fences: Record<string, number>;
  /** RESERVED + PICKED + PACKED per channel code. */
  committed: Record<string, number>;
  /** The channels the location serves. */
  channels: readonly string[];
  /** Units expected to be asked for at this location over the cover period. */
  cover: number;
  /** Units already on their way here on transfers: they meet a need without another transfer. */
  inTransfer: number;
};

export type Suggestion = { sku: string; from: string; to: string; qty: number; reason: string };

const atpInput = (stock: LocationStock): AtpInput => ({ available: stock.available, safetyStock: stock.safetyStock, fences: stock.fences, committed: stock.committed });

/** Units the location lacks, and why (null when it lacks none). */
export function shortfall(stock: LocationStock): { qty: number; reason: string } | null {
  const input = atpInput(stock);
  let qty = stock.safetyStock - stock.available;
  let reason = `${stock.available} available against a safety stock of ${stock.safetyStock}`;
  for (const channel of stock.channels) {
    const atp = atpToday(input, channel);
    if (-atp > qty) {
      qty = -atp;
      reason = `ATP for ${channel} is ${atp}`;
    }
  }
  const net = qty - stock.inTransfer;
  if (net <= 0) return null;
  return { qty: net, reason: stock.inTransfer > 0 ? `${reason}; ${stock.inTransfer} already on the way` : reason };
}

/**
 * Units the location can give without going short: the ATP of a channel with
 * no fence (every channel's unconsumed fence and the safety stock kept back),
 * less the cover. Never negative.
 */
export function surplus(stock: LocationStock): number {
  // "" names no channel, so every channel's unconsumed fence is held back.
  return Math.max(0, Math.floor(atpToday(atpInput(stock), "") - stock.cover));
}

/**
 * Transfers that move surplus to shortfalls for one SKU: the largest need is
 * met first, from the largest surplus, so few transfers cover most of it. A
 * location short of the SKU never gives any.
 */
export function suggestTransfers(sku: string, stocks: readonly LocationStock[]): Suggestion[] {
  const needs = stocks
    .map((stock) => ({ location: stock.location, short: shortfall(stock) }))
    .filter((entry): entry is { location: string; short: { qty: number; reason: string } } => entry.short !== null)
    .map((entry) => ({ location: entry.location, left: entry.short.qty, reason: entry.short.reason }))
    .sort((a, b) => b.left - a.left || a.location.localeCompare(b.location));
  const needy = new Set(needs.map((need) => need.location));
  const givers = stocks
    .filter((stock) => !needy.has(stock.location))
    .map((stock) => ({ location: stock.location, left: surplus(stock) }))
    .filter((giver) => giver.left > 0)
    .sort((a, b) => b.left - a.left || a.location.localeCompare(b.location));
  const out: Suggestion[] = [];
  for (const need of needs) {
    for (const giver of givers) {
      if (need.left === 0) break;
      const qty = Math.min(need.left, giver.left);
      if (qty <= 0) continue;
      out.push({ sku, from: giver.location, to: need.location, qty, reason: need.reason });
      need.left -= qty;
      giver.left -= qty;
    }
  }
  return out;
}

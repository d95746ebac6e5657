// Per SKU and location: the stock policies (master data the history writes before
// any event) and the expected demand, from which the reorder points follow. Sized
// from the channel plans so purchasing keeps up with the orders the channels place.
import { EAST, FENCES, LOCATIONS, SKU_PLANS, STORE, SUPPLIERS, WEST, type Loc } from "./cast.ts";
import { CHANNEL_PLANS } from "./channels.ts";
import type { Random } from "./random.ts";

export type PolicyRow = { sku: string; location: Loc; safetyStock: number; inspectionLeadDays: number; writeOffValue: string; countVarianceUnits: number };
export type FenceRow = { sku: string; location: Loc; channel: string; qty: number };

export type Policy = { safetyStock: number; fences: Record<string, number> };
export type Reorder = { point: number; upTo: number };

export const key = (sku: string, location: string) => `${sku}|${location}`;

export function planPolicies(rng: Random): { policy: Map<string, Policy>; policies: PolicyRow[]; fences: FenceRow[] } {
  const policy = new Map<string, Policy>();
  const policies: PolicyRow[] = [];
  const fenceRows: FenceRow[] = [];
  for (const sku of SKU_PLANS) {
    for (const location of LOCATIONS) {
      const safetyStock = location === EAST ? rng.int(4, 10) : location === WEST ? rng.int(2, 6) : 2;
      const fences: Record<string, number> = {};
      if (location === EAST && sku.fenced) {
        for (const [channel, qty] of Object.entries(FENCES)) {
          fences[channel] = qty;
          fenceRows.push({ sku: sku.code, location, channel, qty });
        }
      }
      policy.set(key(sku.code, location), { safetyStock, fences });
      policies.push({
        sku: sku.code, location, safetyStock, inspectionLeadDays: location === STORE ? 1 : rng.int(1, 3), writeOffValue: "250.00", countVarianceUnits: 2,
      });
    }
  }
  return { policy, policies, fences: fenceRows };
}

/** Expected units a day per SKU and location, from the channel plans; sets reorder points. */
export function planDemand(policy: ReadonlyMap<string, Policy>): { demand: Map<string, number>; reorder: Map<string, Reorder> } {
  const demand = new Map<string, number>();
  const reorder = new Map<string, Reorder>();
  const demandAt = (sku: string, location: string) => demand.get(key(sku, location)) ?? 0;
  for (const channel of CHANNEL_PLANS) {
    const eligible = SKU_PLANS.filter(channel.eligible);
    const totalWeight = eligible.reduce((sum, sku) => sum + sku.weight, 0);
    const perDay = channel.perDay * (channel.weekdaysOnly ? 5 / 7 : 1) * 1.1;
    const units = perDay * ((channel.lines[0] + channel.lines[1]) / 2) * ((channel.qty[0] + channel.qty[1]) / 2);
    for (const sku of eligible) {
      for (const [location, share] of channel.sites) {
        const k = key(sku.code, location);
        demand.set(k, (demand.get(k) ?? 0) + (units * share * sku.weight) / totalWeight);
      }
    }
  }
  for (const sku of SKU_PLANS) {
    const dEast = demandAt(sku.code, EAST);
    const dWest = demandAt(sku.code, WEST);
    const dStore = demandAt(sku.code, STORE);
    const east = policy.get(key(sku.code, EAST))!;
    const fenceTotal = Object.values(east.fences).reduce((a, b) => a + b, 0);
    const lead = (SUPPLIERS[sku.supplier].leadDays[0] + SUPPLIERS[sku.supplier].leadDays[1]) / 2 + 3;
    const eastFlow = dEast + (sku.westBy === "transfer" ? dWest : 0) + (sku.store ? dStore : 0);
    const eastPoint = east.safetyStock + fenceTotal + Math.ceil(eastFlow * lead) + 3;
    reorder.set(key(sku.code, EAST), { point: eastPoint, upTo: eastPoint + Math.max(10, Math.ceil(eastFlow * 21)) });
    const west = policy.get(key(sku.code, WEST))!;
    const westLead = sku.westBy === "po" ? lead : 8;
    const westPoint = west.safetyStock + Math.ceil(dWest * westLead) + 2;
    reorder.set(key(sku.code, WEST), { point: westPoint, upTo: westPoint + Math.max(6, Math.ceil(dWest * 18)) });
  }
  return { demand, reorder };
}

// Cycle counts: one home bin at a time, usually matching the books, sometimes off
// by a unit or two. A variance beyond tolerance becomes a request for the other
// warehouse person, which `forced` provokes on purpose.
import { PHYSICAL_STATES } from "../../lib/domain/states.ts";
import { SKU_PLANS, crewAt, type Loc, type Person } from "./cast.ts";
import type { Sim } from "./sim.ts";

function physicalInBin(sim: Sim, sku: string, location: Loc, bin: string): number {
  return PHYSICAL_STATES.reduce((sum, state) => sum + sim.q(sku, location, state, { bin }), 0);
}

/** Answers the approval request a count beyond tolerance raised, if it raised one. */
export async function cycleCount(sim: Sim, location: Loc, at: number, forced?: { variance: number; requester?: Person }) {
  const rng = sim.rng;
  const candidates = SKU_PLANS.filter((sku) => physicalInBin(sim, sku.code, location, sku.homeBin[location]) > 0 &&
    (!forced || forced.variance > 0 || sim.q(sku.code, location, "AVAILABLE", { bin: sku.homeBin[location] }) >= -forced.variance));
  if (!candidates.length) return null;
  const sku = rng.pick(candidates);
  const bin = sku.homeBin[location];
  const expected = physicalInBin(sim, sku.code, location, bin);
  let variance = forced?.variance ?? 0;
  if (!forced && rng.chance(0.25)) {
    variance = rng.int(1, 2) * (rng.chance(0.65) ? -1 : 1);
    if (variance < 0 && sim.q(sku.code, location, "AVAILABLE", { bin }) < -variance) variance = -variance;
  }
  const counter = forced?.requester ?? crewAt(location);
  const result = await sim.post(counter, { type: "count", sku: sku.code, location, bin, countedQty: expected + variance, reason: forced ? "Cycle count: variance beyond tolerance" : "Cycle count" }, at);
  return result?.kind === "approval" ? { id: result.approval.id, requester: counter } : null;
}

// Damage found on the shelf, and the write-offs that follow: asked for by the
// warehouse in a weekly run and decided by finance. Damaged units under a request
// are claimed, so no unit is asked for twice; one write-off is rejected in the
// story, to show a rejection.
import { HOUR, MINUTE, inShift } from "./calendar.ts";
import { LOCATIONS, PEOPLE, SKU_PLANS, crewAt, type Loc } from "./cast.ts";
import { key } from "./plans.ts";
import type { Sim } from "./sim.ts";

const DAMAGE_REASONS = ["Forklift damage during put-away", "Crushed carton found on the shelf", "Water damage from a roof leak", "Dropped while restocking", "Scratched finish found on the shelf"];

/** Damages a unit or two of some well-stocked SKU; answers which, or null if none was. */
export async function randomDamage(sim: Sim, location: Loc, at: number, reporter = crewAt(location)) {
  const candidates = SKU_PLANS.filter((sku) => sim.q(sku.code, location, "AVAILABLE", { bin: sku.homeBin[location] }) >= 4);
  if (!candidates.length) return null;
  const sku = sim.rng.pick(candidates);
  const qty = sim.rng.chance(0.15) ? 2 : 1;
  await sim.post(reporter, { type: "damage", sku: sku.code, qty, location, bin: sku.homeBin[location], fromState: "AVAILABLE", reason: sim.rng.pick(DAMAGE_REASONS) }, at);
  return sku.code;
}

export function unclaimedDamage(sim: Sim, sku: string, location: Loc): number {
  return sim.q(sku, location, "DAMAGED") - (sim.damagedClaimed.get(key(sku, location)) ?? 0);
}

/** With `decide` false the request is left pending for the demo to show. */
export async function requestWriteOff(sim: Sim, sku: string, location: Loc, qty: number, at: number, decide: boolean) {
  const requester = crewAt(location);
  const result = await sim.post(requester, { type: "writeoff", sku, qty, location, reason: "Beyond economic repair" }, at);
  if (result?.kind !== "approval") return;
  const k = key(sku, location);
  sim.damagedClaimed.set(k, (sim.damagedClaimed.get(k) ?? 0) + qty);
  if (!decide) return;
  const id = result.approval.id;
  sim.decisionScheduled.add(id);
  sim.agenda.at(inShift(at + sim.rng.int(18, 66) * HOUR, sim.rng), "write-off decision", async (t) => {
    const decider = sim.rng.chance(0.5) ? PEOPLE.farah : PEOPLE.felix;
    if (!sim.rejectedWriteoff && t >= sim.rejectWriteoffAfter) {
      sim.rejectedWriteoff = true;
      await sim.ledger.reject(decider, id, "Repairable: send to the refurbishment bench instead", t);
      return; // the units stay DAMAGED, kept for refurbishment
    }
    await sim.ledger.approve(decider, id, "Photos checked", t);
    sim.damagedClaimed.set(k, (sim.damagedClaimed.get(k) ?? 0) - qty);
  });
}

export async function writeOffRun(sim: Sim, at: number) {
  let offset = 0;
  for (const location of LOCATIONS) {
    for (const sku of SKU_PLANS) {
      const qty = unclaimedDamage(sim, sku.code, location);
      if (qty <= 0) continue;
      await requestWriteOff(sim, sku.code, location, qty, at + offset, true);
      offset += 2 * MINUTE;
    }
  }
}

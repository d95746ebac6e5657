// Quality holds come back through a release request that needs a second
// warehouse person. Units under a pending request are claimed, so another
// request never asks to release them twice.
import { HOUR, inShift } from "./calendar.ts";
import { crewAt, otherWarehouse, type Loc } from "./cast.ts";
import { key } from "./plans.ts";
import type { Sim } from "./sim.ts";

/** With `decide` false the request is left pending for the demo to show. */
export async function requestHoldRelease(sim: Sim, sku: string, location: Loc, bin: string, at: number, decide = true) {
  const k = key(sku, location);
  const free = sim.q(sku, location, "QUALITY_HOLD", { bin }) - (sim.holdClaimed.get(k) ?? 0);
  if (free <= 0) return;
  const requester = crewAt(location);
  const result = await sim.post(requester, { type: "hold.release", sku, qty: free, location, bin, reason: "Supplier confirmed the batch is within spec" }, at);
  if (result?.kind !== "approval") return;
  sim.holdClaimed.set(k, (sim.holdClaimed.get(k) ?? 0) + free);
  const id = result.approval.id;
  if (!decide) return;
  sim.decisionScheduled.add(id);
  sim.agenda.at(inShift(at + sim.rng.int(18, 50) * HOUR, sim.rng), "hold decision", async (t) => {
    await sim.ledger.approve(otherWarehouse(requester), id, "Checked against the sample: release", t);
    sim.holdClaimed.set(k, (sim.holdClaimed.get(k) ?? 0) - free);
  });
}

// Customer returns, once the goods are the customer's: received against an RMA,
// then inspected back to stock or to DAMAGED. A return "Arrived damaged" is never
// restocked.
import { DAY, HOUR, inShift } from "./calendar.ts";
import { crewAt } from "./cast.ts";
import type { OrderLine } from "./channels.ts";
import type { Sim } from "./sim.ts";

const RETURN_REASONS = ["Changed mind", "Arrived damaged", "Wrong colour", "Not as described", "Too large for the room"];

export function maybeReturn(sim: Sim, line: OrderLine, shipped: number, at: number) {
  const rng = sim.rng;
  if (!rng.chance(line.plan.returns)) return;
  const qty = shipped >= 4 && rng.chance(0.3) ? 2 : 1;
  const reason = rng.pick(RETURN_REASONS);
  sim.agenda.at(inShift(at + rng.int(5, 18) * DAY, rng), "return", async (t) => {
    const rma = sim.next("RMA-", 1200);
    const bin = sim.plan(line.sku).homeBin[line.location];
    await sim.post(crewAt(line.location), { type: "return.receive", sku: line.sku, qty, location: line.location, rma, orderLine: line.ref, bin, reason }, t);
    sim.agenda.at(inShift(t + rng.int(16, 70) * HOUR, rng), "return inspection", async (tt) => {
      const damaged = reason === "Arrived damaged" || rng.chance(0.12);
      await sim.post(crewAt(line.location), {
        type: "return.inspect", sku: line.sku, qty, location: line.location, rma, result: damaged ? "damaged" : "restock",
        ...(damaged ? { reason: "Not resaleable" } : {}),
      }, tt);
    });
  });
}

// Fixed points in the story, so every approval state and document type appears
// at least once whatever the dice do: drop ships, quality holds, a count beyond
// tolerance and a finance write-off. Standard cost changes are the finance
// office's (finance.ts).
import { DAY, HOUR, MINUTE, inShift } from "./calendar.ts";
import { EAST, PEOPLE, SKU_PLANS, SUPPLIERS, WEST, crewAt, otherWarehouse } from "./cast.ts";
import { cycleCount } from "./counts.ts";
import { unclaimedDamage } from "./damage.ts";
import { billDropShip } from "./finance.ts";
import { requestHoldRelease } from "./holds.ts";
import type { Sim } from "./sim.ts";

export function scriptedEvents(sim: Sim) {
  const rng = sim.rng.fork(3);
  const on = (dayIndex: number, hour: number) => inShift(sim.start + dayIndex * DAY + hour * HOUR, rng);

  // Drop shipments: wholesale orders of bulky items shipped by the supplier straight to the customer.
  for (const [dayIndex, sku, qty] of [[20, "TABLE-06", 4], [52, "SHELF-02", 12], [76, "TABLE-01", 6]] as const) {
    sim.agenda.at(on(dayIndex, 16), "drop ship", async (t) => {
      const plan = sim.plan(sku);
      const supplier = plan.altSupplier ?? plan.supplier;
      const orderLine = `${sim.next("WS-", 2040)}-1`;
      const unitCost = sim.quote(plan, supplier, rng);
      const result = await sim.post(PEOPLE.sol, {
        type: "dropship", sku, qty, location: EAST, unitCost, channel: "wholesale", orderLine,
        reason: `Drop ship from ${SUPPLIERS[supplier].name}`,
      }, t);
      if (result) billDropShip(sim, orderLine, sku, EAST, qty, unitCost, supplier);
    });
  }

  // Quality holds placed on stock already on the shelf after customer complaints.
  for (const [dayIndex, location] of [[31, EAST], [68, WEST]] as const) {
    sim.agenda.at(on(dayIndex, 15), "hold", async (t) => {
      const candidates = SKU_PLANS.filter((sku) => sim.q(sku.code, location, "AVAILABLE", { bin: sku.homeBin[location] }) >= 6);
      if (!candidates.length) return;
      const sku = rng.pick(candidates);
      const bin = sku.homeBin[location];
      await sim.post(crewAt(location), { type: "hold", sku: sku.code, qty: 2, location, bin, reason: "Customer complaints about this batch: investigating" }, t);
      sim.agenda.at(inShift(t + rng.int(3, 6) * DAY, rng), "hold release", (tt) => requestHoldRelease(sim, sku.code, location, bin, tt));
    });
  }

  // A count beyond tolerance, approved by the other warehouse person.
  sim.agenda.at(on(47, 17), "count beyond tolerance", async (t) => {
    const request = await cycleCount(sim, EAST, t, { variance: 4 });
    if (request) sim.decisionScheduled.add(request.id);
    if (request) sim.agenda.at(t + 40 * MINUTE, "count decision", async (tt) => {
      await sim.ledger.approve(otherWarehouse(request.requester), request.id, "Recounted with Wes: a mis-slotted carton", tt);
    });
  });

  // Finance writes off one cheap damaged item itself: below the threshold it posts at once.
  sim.agenda.at(on(61, 18), "finance write-off", async (t) => {
    const cheap = SKU_PLANS.filter((sku) => sku.family === "LAMP");
    let found = cheap.find((sku) => unclaimedDamage(sim, sku.code, EAST) > 0)?.code;
    if (!found) {
      const sku = cheap.find((plan) => sim.q(plan.code, EAST, "AVAILABLE", { bin: plan.homeBin[EAST] }) >= 2);
      if (!sku) return;
      await sim.post(PEOPLE.wes, { type: "damage", sku: sku.code, qty: 1, location: EAST, bin: sku.homeBin[EAST], fromState: "AVAILABLE", reason: "Shade dented in the aisle" }, t);
      found = sku.code;
    }
    await sim.post(PEOPLE.felix, { type: "writeoff", sku: found, qty: 1, location: EAST, reason: "Dented shade, not worth repairing" }, t + 30 * MINUTE);
  });
}

// The end of the story: late in the last shift before now, it leaves what the demo
// needs to show in flight (requests waiting for someone, work half done, goods on
// the road), then checks that it did.
import { HOUR, MINUTE, inShift } from "./calendar.ts";
import { EAST, LOCATIONS, PEOPLE, SKU_PLANS, STORE, WEST, crewAt, type Loc } from "./cast.ts";
import { cycleCount } from "./counts.ts";
import { randomDamage, requestWriteOff, unclaimedDamage } from "./damage.ts";
import { checkFinance, requestPendingCostChange } from "./finance.ts";
import { pickOnly } from "./fulfilment.ts";
import { requestHoldRelease } from "./holds.ts";
import { key } from "./plans.ts";
import { Random } from "./random.ts";
import { receivePo } from "./receiving.ts";
import type { Po, Sim } from "./sim.ts";
import { transfer } from "./transfers.ts";

export function scheduleFinale(sim: Sim) {
  const finale = lastShiftMoment(sim);
  sim.agenda.at(finale - 150 * MINUTE, "finale", (t) => runFinale(sim, t));
}

/** Late in the last shift that has ended (or is under way) before now. */
function lastShiftMoment(sim: Sim): number {
  let t = sim.end - 45 * MINUTE;
  const rng = new Random(1);
  while (inShift(t, rng) !== t || inShift(t - 150 * MINUTE, rng) !== t - 150 * MINUTE) t -= 15 * MINUTE;
  return t;
}

async function runFinale(sim: Sim, at: number) {
  const rng = sim.rng.fork(4);
  // Requests with a decision still to come in the story do not count: they will be decided before now.
  const pendingOf = (type: string) => [...sim.ledger.pending.values()].some((request) => request.type === type && !sim.decisionScheduled.has(request.id));

  // A hold release waiting for the second warehouse person.
  if (!pendingOf("hold.release")) {
    let spot = SKU_PLANS.flatMap((sku) => LOCATIONS.map((location) => ({ sku: sku.code, location, bin: sku.homeBin[location] })))
      .find(({ sku, location, bin }) => sim.q(sku, location, "QUALITY_HOLD", { bin }) - (sim.holdClaimed.get(key(sku, location)) ?? 0) > 0);
    if (!spot) {
      const sku = SKU_PLANS.find((plan) => sim.q(plan.code, WEST, "AVAILABLE", { bin: plan.homeBin[WEST] }) >= 4);
      if (sku) {
        await sim.post(PEOPLE.wren, { type: "hold", sku: sku.code, qty: 1, location: WEST, bin: sku.homeBin[WEST], reason: "Loose fittings reported by a customer" }, at);
        spot = { sku: sku.code, location: WEST, bin: sku.homeBin[WEST] };
      }
    }
    if (spot) await requestHoldRelease(sim, spot.sku, spot.location, spot.bin, at + 20 * MINUTE, false);
  }

  // A write-off waiting for finance.
  if (!pendingOf("writeoff")) {
    let sku = SKU_PLANS.find((plan) => unclaimedDamage(sim, plan.code, EAST) > 0)?.code ?? null;
    if (!sku) sku = await randomDamage(sim, EAST, at + 40 * MINUTE);
    if (sku) await requestWriteOff(sim, sku, EAST, unclaimedDamage(sim, sku, EAST), at + 60 * MINUTE, false);
  }

  // A count beyond tolerance waiting for the other warehouse person.
  if (!pendingOf("count")) await cycleCount(sim, WEST, at + 80 * MINUTE, { variance: -rng.int(4, 6), requester: PEOPLE.wren });

  // A standard cost change waiting for the second finance person.
  if (!pendingOf("cost.change")) await requestPendingCostChange(sim, at + 100 * MINUTE);

  // Work in progress left for tomorrow (nothing later in the story moves these lines or this receipt):
  // one order picked but not packed, one packed but not shipped...
  const reserved = sim.orderLines.filter((line) => line.location !== STORE && sim.q(line.sku, line.location, "RESERVED", { doc: line.ref }) > 0);
  const [toPick, toPack] = reserved.slice(-2);
  if (toPick) await pickOnly(sim, toPick, at + 10 * MINUTE);
  if (toPack) {
    await pickOnly(sim, toPack, at + 15 * MINUTE);
    const qty = sim.q(toPack.sku, toPack.location, "PICKED", { doc: toPack.ref });
    await sim.post(crewAt(toPack.location), { type: "pack", sku: toPack.sku, qty, location: toPack.location, orderLine: toPack.ref }, at + 25 * MINUTE);
  }
  // ...and goods received at the end of the shift, to be inspected tomorrow: the PO due first arrived a little early.
  const open = (po: Po) => po.lines.some((line) => sim.q(line.sku, po.location, "ON_ORDER", { doc: po.ref }) + sim.q(line.sku, po.location, "INBOUND_TRANSIT", { doc: po.ref }) > 0);
  const due = sim.purchaseOrders.filter(open).sort((a, b) => a.eta - b.eta)[0];
  if (due) await receivePo(sim, due, due.lines.map((line) => line.sku), at + 30 * MINUTE, sim.end + HOUR);

  // Goods on the road between our own sites: a top-up shipped at the end of the last shift.
  for (const [to, offset] of [[STORE, 110], [WEST, 120]] as const) {
    if (SKU_PLANS.some((sku) => sim.q(sku.code, to, "TRANSFER_TRANSIT") > 0)) continue;
    const lines = SKU_PLANS.filter((sku) => (to === WEST || sku.store) && sim.eastSpare(sku.code) >= 6)
      .slice(0, 3)
      .map((sku) => ({ sku: sku.code, qty: to === STORE ? 2 : 4 }));
    const arrival = inShift(at + offset * MINUTE + (to === STORE ? 20 : 80) * HOUR, rng);
    await transfer(sim, to, lines, at + offset * MINUTE, arrival, false);
  }
}

/** What the story promised to leave behind for the demo; anything missing is reported. */
export function checkEnding(sim: Sim) {
  const pending = new Set([...sim.ledger.pending.values()].map((request) => request.type));
  const inTransit = (to: Loc) => SKU_PLANS.some((sku) => sim.q(sku.code, to, "TRANSFER_TRANSIT") > 0);
  const anywhere = (state: "ON_ORDER" | "INBOUND_TRANSIT" | "RECEIVING" | "PICKED" | "PACKED") => SKU_PLANS.some((sku) => LOCATIONS.some((location) => sim.q(sku.code, location, state) > 0));
  sim.report.warnings.push(
    ...["hold.release", "writeoff", "count", "cost.change"].filter((type) => !pending.has(type)).map((type) => `no pending ${type} request`),
    ...(sim.ledger.approvals.approved.get("hold.release") ? [] : ["no approved hold.release"]),
    ...(sim.rejectedWriteoff ? [] : ["no rejected write-off"]),
    ...(inTransit(STORE) || inTransit(WEST) ? [] : ["no transfer in transit"]),
    ...(anywhere("ON_ORDER") ? [] : ["no PO on order"]),
    ...(anywhere("INBOUND_TRANSIT") ? [] : ["no PO in transit"]),
    ...(["RECEIVING", "PICKED", "PACKED"] as const).filter((state) => !anywhere(state)).map((state) => `nothing in ${state}`),
    ...checkFinance(sim),
  );
}

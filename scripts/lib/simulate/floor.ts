// What happens on the warehouse floor besides orders and receipts: transfers to
// the West and the store, cycle counts (some off by more than the tolerance, for a
// second person to approve), damage and the weekly write-off run, finance's own
// small write-offs, quality holds (one placed by mistake and reversed), a damage
// found late and dated when it happened, standard cost reviews, unmatched returns
// and drop ships. Each month of each SKU gets its share, at random moments.
import { PHYSICAL_STATES } from "../../../lib/domain/states.ts";
import { DAY, HOUR, MINUTE, duringShift, inShift, isWorkday, weekday } from "../../../prisma/demo-history/calendar.ts";
import { EAST, LOCATIONS, PEOPLE, STORE, WEST, crewAt, otherWarehouse, type Loc } from "../../../prisma/demo-history/cast.ts";
import { dropShip, unmatchedReturn } from "./sales.ts";
import { requestHoldRelease } from "./supply.ts";
import type { World } from "./world.ts";

export function scheduleFloorWork(world: World, start: number, end: number) {
  const { rng, sku } = world;
  const at = (task: string, run: (t: number) => Promise<unknown>) => {
    const day = start + rng.int(0, Math.round((end - start) / DAY) - 1) * DAY;
    world.agenda.at(inShift(duringShift(day, rng, 14, 21), rng), task, run);
  };
  for (let day = start; day < end; day += DAY) {
    if (!isWorkday(day)) continue;
    const dow = weekday(day);
    if (sku.store && (dow === 1 || dow === 4)) world.agenda.at(duringShift(day, rng, 14, 16), "store replenishment", (t) => replenish(world, STORE, 4, t));
    if (dow === 3) world.agenda.at(duringShift(day, rng, 15, 17), "west rebalance", (t) => rebalanceWest(world, t));
    if (dow === 5) world.agenda.at(duringShift(day, rng, 19, 21), "write-off run", (t) => writeOffRun(world, t));
  }
  for (let i = rng.poisson(1.5); i > 0; i--) at("cycle count", (t) => cycleCount(world, t, false));
  if (rng.chance(0.12)) at("count beyond tolerance", (t) => cycleCount(world, t, true));
  for (let i = rng.poisson(0.6); i > 0; i--) at("damage", (t) => damage(world, t));
  if (rng.chance(0.25)) at("damage found late", (t) => damageFoundLate(world, t));
  if (rng.chance(0.15)) at("finance write-off", (t) => financeWriteOff(world, t));
  if (rng.chance(0.25)) at("hold", (t) => hold(world, t));
  if (rng.chance(0.08)) at("hold by mistake", (t) => holdByMistake(world, t));
  if (rng.chance(0.06)) at("unmatched return", (t) => unmatchedReturn(world, t));
  if (sku.wholesale && rng.chance(0.08)) at("drop ship", (t) => dropShip(world, t));
  if (sku.method === "standard" && rng.chance(0.25)) at("cost review", (t) => costReview(world, t));
}

/** Sends the East's spare stock to `to` when it is below `target` (counting what is on the way). */
async function replenish(world: World, to: Loc, target: number, at: number) {
  const have = world.q(to, "AVAILABLE") + world.q(to, "RECEIVING") + world.q(to, "TRANSFER_TRANSIT");
  const send = Math.min(target - have, world.eastSpare());
  if (target - have >= 2 && send >= 1) await transfer(world, to, send, at, world.rng.chance(0.2));
}

async function rebalanceWest(world: World, at: number) {
  const { point, upTo } = world.reorder[WEST];
  const position = (["AVAILABLE", "RECEIVING", "ON_ORDER", "INBOUND_TRANSIT", "TRANSFER_TRANSIT"] as const).reduce((sum, state) => sum + world.q(WEST, state), 0);
  // Imports reach the West directly; the East helps out only when the West runs dry.
  const threshold = world.sku.westBy === "transfer" ? point : world.sku.policy[WEST].safetyStock;
  if (position > threshold) return;
  const send = Math.min(upTo - position, world.eastSpare());
  if (send >= 2) await transfer(world, WEST, send, at, world.rng.chance(0.3));
}

/** `viaReceiving`: the destination inspects the goods before they are available. */
async function transfer(world: World, to: Loc, qty: number, at: number, viaReceiving: boolean) {
  const { rng } = world;
  const ref = world.next("TR");
  const arrival = inShift(at + rng.int(to === STORE ? 18 : 72, to === STORE ? 30 : 120) * HOUR, rng);
  const shipped = await world.post(PEOPLE.wes, { type: "transfer.ship", sku: world.code, qty, location: EAST, toLocation: to, transfer: ref, eta: new Date(arrival).toISOString() }, at);
  if (shipped.kind !== "posted") return;
  world.agenda.at(arrival, "transfer receipt", async (t) => {
    const bin = world.sku.homeBin[to];
    const received = await world.post(PEOPLE.wren, { type: "transfer.receive", sku: world.code, qty, location: to, transfer: ref, bin, toState: viaReceiving ? "RECEIVING" : "AVAILABLE" }, t);
    if (received.kind !== "posted" || !viaReceiving) return;
    world.agenda.at(inShift(t + rng.int(2, 20) * HOUR, rng), "inspection", async (tt) => {
      const waiting = Math.min(qty, world.q(to, "RECEIVING", { bin }));
      if (waiting > 0) await world.post(PEOPLE.wren, { type: "inspect", sku: world.code, qty: waiting, location: to, bin, result: "pass" }, tt);
    });
  });
}

function physicalInBin(world: World, location: Loc, bin: string): number {
  return PHYSICAL_STATES.reduce((sum, state) => sum + world.q(location, state, { bin }), 0);
}

/** Counts the SKU's home bin somewhere it is stocked; `beyond`: off by more than the tolerance, so a second person decides. */
async function cycleCount(world: World, at: number, beyond: boolean) {
  const { rng, sku } = world;
  const stocked = LOCATIONS.filter((location) => physicalInBin(world, location, sku.homeBin[location]) > 0);
  if (!stocked.length) return;
  const location = rng.pick(stocked);
  const bin = sku.homeBin[location];
  const expected = physicalInBin(world, location, bin);
  const free = world.q(location, "AVAILABLE", { bin });
  const tolerance = sku.policy[location].countVarianceUnits;
  let variance = 0;
  if (beyond) variance = free > tolerance + 1 && rng.chance(0.3) ? -(tolerance + 1) : tolerance + rng.int(1, 2);
  else if (rng.chance(0.25)) {
    variance = rng.int(1, tolerance) * (rng.chance(0.6) ? -1 : 1);
    if (-variance > free) variance = -variance;
  }
  const counter = crewAt(location);
  const approve = rng.chance(0.85);
  await world.request(counter, { type: "count", sku: world.code, location, bin, countedQty: expected + variance, reason: beyond ? "Cycle count: variance beyond tolerance" : "Cycle count" }, at, {
    by: otherWarehouse(counter), after: rng.int(20, 90) * MINUTE, approve, note: approve ? "Recounted together: a mis-slotted carton" : "Recount shows the books are right",
  });
}

async function damage(world: World, at: number, when = at, reason = "Crushed carton found on the shelf") {
  const { rng } = world;
  const location: Loc = rng.chance(0.7) ? EAST : rng.pick([WEST, STORE] as const);
  const bin = world.sku.homeBin[location];
  if (world.q(location, "AVAILABLE", { bin }) < 4) return;
  await world.post(crewAt(location), { type: "damage", sku: world.code, qty: rng.chance(0.15) ? 2 : 1, location, bin, fromState: "AVAILABLE", reason }, when, { backdated: when < at });
}

/** Found today, happened earlier in the month: dated when it happened. */
async function damageFoundLate(world: World, at: number) {
  const when = Math.max(at - world.rng.int(1, 3) * DAY, world.monthStart + HOUR);
  await damage(world, at, when, "Water damage from a roof leak, found on the weekly walk");
}

/** Every Friday the warehouse asks finance to write off what is damaged; finance decides a day or three later. */
async function writeOffRun(world: World, at: number) {
  const { rng } = world;
  for (const location of LOCATIONS) {
    const qty = world.unclaimed("DAMAGED", location);
    if (qty <= 0) continue;
    const approve = rng.chance(0.85);
    const asked = await world.request(crewAt(location), { type: "writeoff", sku: world.code, qty, location, reason: "Beyond economic repair" }, at, {
      by: rng.chance(0.5) ? PEOPLE.farah : PEOPLE.felix, after: rng.int(18, 66) * HOUR, approve, note: approve ? "Photos checked" : "Repairable: send to the refurbishment bench",
      then: () => world.claim("DAMAGED", location, -qty),
    });
    if (asked.kind === "approval") world.claim("DAMAGED", location, qty);
  }
}

/** Finance writes off damaged stock itself: a unit posts at once, below the threshold; more needs the other finance person. */
async function financeWriteOff(world: World, at: number) {
  const location = LOCATIONS.find((l) => world.unclaimed("DAMAGED", l) > 0);
  if (!location) return;
  const qty = Math.min(world.unclaimed("DAMAGED", location), world.rng.chance(0.7) ? 1 : 3);
  const asked = await world.request(PEOPLE.felix, { type: "writeoff", sku: world.code, qty, location, reason: "Not worth repairing" }, at, {
    by: PEOPLE.farah, after: world.rng.int(4, 30) * HOUR, approve: true, note: "Agreed", then: () => world.claim("DAMAGED", location, -qty),
  });
  if (asked.kind === "approval") world.claim("DAMAGED", location, qty);
}

async function hold(world: World, at: number) {
  const location = world.rng.chance(0.6) ? EAST : WEST;
  const bin = world.sku.homeBin[location];
  if (world.q(location, "AVAILABLE", { bin }) < 4) return;
  const held = await world.post(crewAt(location), { type: "hold", sku: world.code, qty: world.rng.int(1, 2), location, bin, reason: "Customer complaints about this batch: investigating" }, at);
  if (held.kind === "posted") world.agenda.at(inShift(at + world.rng.int(2, 6) * DAY, world.rng), "hold release", (t) => requestHoldRelease(world, location, bin, t));
}

/** A hold placed on the wrong SKU: reversing it releases the units, which needs a second person like any release. */
async function holdByMistake(world: World, at: number) {
  const location = EAST;
  const bin = world.sku.homeBin[location];
  if (world.q(location, "AVAILABLE", { bin }) < 3) return;
  const clerk = crewAt(location);
  const held = await world.post(clerk, { type: "hold", sku: world.code, qty: 1, location, bin, reason: "Customer complaints about this batch" }, at);
  if (held.kind !== "posted") return;
  world.claim("QUALITY_HOLD", location, 1);
  world.agenda.at(at + world.rng.int(30, 180) * MINUTE, "reverse hold", async (t) => {
    const asked = await world.request(clerk, { type: "reverse", reverses: held.group, reason: "Hold placed on the wrong SKU" }, t, {
      by: otherWarehouse(clerk), after: world.rng.int(1, 20) * HOUR, approve: true, note: "Confirmed: wrong SKU scanned",
      then: () => world.claim("QUALITY_HOLD", location, -1),
    });
    if (asked.kind !== "approval") world.claim("QUALITY_HOLD", location, -1);
  });
}

/** Finance moves the standard a few per cent; the other finance person approves (or not) a day or two later. */
async function costReview(world: World, at: number) {
  const { rng } = world;
  const proposed = world.standardCost * (1 + (rng.chance(0.6) ? 1 : -1) * rng.between(0.02, 0.06));
  const standardCost = proposed.toFixed(2);
  const approve = rng.chance(0.8);
  await world.request(PEOPLE.farah, { type: "cost.change", sku: world.code, standardCost, reason: "Quarterly cost review: standard brought to the prices paid" }, at, {
    by: PEOPLE.felix, after: rng.int(18, 40) * HOUR, approve, note: approve ? "Checked against the PO history" : "Wait for the next quarter",
    then: (approved) => {
      if (approved) world.standardCost = Number(standardCost);
    },
  });
}

// The demand side of one SKU: order lines on the four sales flows (web and
// marketplace from either warehouse, wholesale from the East, the SoHo store),
// each reserved where it can be promised, then picked, packed, shipped on either
// FOB term, delivered, sometimes cancelled, damaged at the packing bench or
// returned. Also drop ships, and a reservation keyed twice and reversed.
import { DAY, HOUR, MINUTE, inShift } from "../../../prisma/demo-history/calendar.ts";
import { EAST, PEOPLE, STAGING, STORE, WEST, crewAt, otherWarehouse, type Loc, type Person } from "../../../prisma/demo-history/cast.ts";
import type { Fob } from "../../../prisma/demo-history/channels.ts";
import { invoiceLater } from "./supply.ts";
import type { World } from "./world.ts";

type Flow = { prefix: string; channel: string; sites: [Loc, number][]; qty: [number, number]; destination: number; returns: number; pickAfter: [number, number]; clerk: Person };

const WEB: Flow = { prefix: "WEB", channel: "web", sites: [[EAST, 0.6], [WEST, 0.4]], qty: [1, 2], destination: 0.3, returns: 0.1, pickAfter: [2, 20], clerk: PEOPLE.sara };
const MARKETPLACE: Flow = { prefix: "MKT", channel: "marketplace", sites: [[EAST, 0.55], [WEST, 0.45]], qty: [1, 3], destination: 0.5, returns: 0.08, pickAfter: [2, 20], clerk: PEOPLE.sara };
const WHOLESALE: Flow = { prefix: "WS", channel: "wholesale", sites: [[EAST, 1]], qty: [4, 9], destination: 1, returns: 0.03, pickAfter: [20, 60], clerk: PEOPLE.sol };
const SHOP: Flow = { prefix: "SOHO", channel: "web", sites: [[STORE, 1]], qty: [1, 2], destination: 0, returns: 0.05, pickAfter: [1, 6], clerk: PEOPLE.sara };

type Line = { ref: string; location: Loc; flow: Flow; fob: Fob };

function flowFor(world: World): Flow {
  const roll = world.rng.next();
  if (roll < 0.45) return WEB;
  if (roll < 0.75) return MARKETPLACE;
  if (roll < 0.85 && world.sku.wholesale) return WHOLESALE;
  if (roll >= 0.85 && world.sku.store) return SHOP;
  return WEB;
}

export async function placeOrder(world: World, at: number) {
  const rng = world.rng;
  const flow = flowFor(world);
  const wanted = rng.int(...flow.qty);
  const first = rng.weighted(flow.sites);
  const sites = [first, ...flow.sites.map(([site]) => site).filter((site) => site !== first)];
  for (const location of sites) {
    const atp = world.atp(location, flow.channel);
    if (atp < 1) continue;
    const ref = world.next(flow.prefix);
    const base = { type: "reserve", sku: world.code, location, channel: flow.channel, orderLine: ref } as const;
    // A customer who wants more than can be promised is refused (and counted as lost demand), then takes what there is.
    if (wanted > atp && rng.chance(0.5)) await world.post(flow.clerk, { ...base, qty: wanted }, at);
    const qty = Math.min(wanted, atp);
    const reserved = await world.post(flow.clerk, { ...base, qty }, at + 20_000);
    if (reserved.kind !== "posted") return;
    if (atp - qty >= qty && rng.chance(0.02)) await keyedTwice(world, flow.clerk, { ...base, qty }, at + 40_000);
    const line: Line = { ref, location, flow, fob: rng.chance(flow.destination) ? "destination" : "shipping_point" };
    const pickAt = inShift(at + rng.between(...flow.pickAfter) * HOUR, rng);
    if (flow !== WHOLESALE && rng.chance(0.05)) {
      world.agenda.at(at + rng.between(0.3, Math.max(0.5, (pickAt - at) / HOUR - 0.5)) * HOUR, "release", (t) => release(world, line, t));
    }
    world.agenda.at(pickAt, "pick", (t) => pick(world, line, t));
    return;
  }
}

/** The same reservation posted twice by mistake; the clerk reverses the second within the hour. */
async function keyedTwice(world: World, clerk: Person, reserve: Parameters<World["post"]>[1], at: number) {
  const duplicate = await world.post(clerk, reserve, at);
  if (duplicate.kind !== "posted") return;
  world.agenda.at(at + world.rng.int(5, 50) * MINUTE, "reverse duplicate", (t) =>
    world.post(clerk, { type: "reverse", reverses: duplicate.group, reason: "Order keyed twice: duplicate reservation" }, t));
}

async function release(world: World, line: Line, at: number) {
  const reserved = world.q(line.location, "RESERVED", { doc: line.ref });
  if (reserved <= 0) return;
  const partial = reserved >= 2 && world.rng.chance(0.4);
  await world.post(line.flow.clerk, {
    type: "release", sku: world.code, qty: partial ? 1 : reserved, location: line.location, orderLine: line.ref, channel: line.flow.channel,
    reason: partial ? "Customer reduced the quantity" : "Customer cancelled the order",
  }, at);
}

async function pick(world: World, line: Line, at: number) {
  const qty = world.q(line.location, "RESERVED", { doc: line.ref });
  if (qty <= 0) return;
  const staging = STAGING[line.location];
  const picked = await world.post(crewAt(line.location), { type: "pick", sku: world.code, qty, location: line.location, orderLine: line.ref, ...(staging ? { toBin: staging } : {}) }, at);
  if (picked.kind === "posted") world.agenda.at(inShift(at + world.rng.int(15, 120) * MINUTE, world.rng), "pack", (t) => pack(world, line, t));
}

async function pack(world: World, line: Line, at: number) {
  const qty = world.q(line.location, "PICKED", { doc: line.ref });
  if (qty <= 0) return;
  const packer = crewAt(line.location);
  await world.post(packer, { type: "pack", sku: world.code, qty, location: line.location, orderLine: line.ref }, at);
  if (world.rng.chance(0.012)) {
    await world.post(packer, { type: "damage", sku: world.code, qty: 1, location: line.location, fromState: "PACKED", orderLine: line.ref, reason: "Dropped while packing" }, at + 5 * MINUTE);
  }
  world.agenda.at(inShift(at + world.rng.int(30, 300) * MINUTE, world.rng), "ship", (t) => ship(world, line, t));
}

async function ship(world: World, line: Line, at: number) {
  const qty = world.q(line.location, "PACKED", { doc: line.ref });
  if (qty <= 0) return;
  const shipped = await world.post(crewAt(line.location), { type: "ship", sku: world.code, qty, location: line.location, orderLine: line.ref, fob: line.fob }, at);
  if (shipped.kind !== "posted") return;
  if (line.fob === "destination") world.agenda.at(inShift(at + world.rng.int(2, 6) * DAY, world.rng), "deliver", (t) => deliver(world, line, qty, t));
  else maybeReturn(world, line, qty, at);
}

async function deliver(world: World, line: Line, shipped: number, at: number) {
  const qty = world.q(line.location, "OUTBOUND_TRANSIT", { doc: line.ref });
  if (qty <= 0) return;
  await world.post(crewAt(line.location), { type: "deliver", sku: world.code, qty, location: line.location, orderLine: line.ref, reason: "Carrier proof of delivery" }, at);
  maybeReturn(world, line, Math.min(qty, shipped), at);
}

function maybeReturn(world: World, line: Line, shipped: number, at: number) {
  const rng = world.rng;
  if (!rng.chance(line.flow.returns)) return;
  const qty = shipped >= 4 && rng.chance(0.3) ? 2 : 1;
  const reason = rng.pick(["Changed mind", "Arrived damaged", "Wrong colour", "Not as described"]);
  world.agenda.at(inShift(at + rng.int(5, 18) * DAY, rng), "return", async (t) => {
    const rma = world.next("RMA");
    const bin = world.sku.homeBin[line.location];
    const received = await world.post(crewAt(line.location), { type: "return.receive", sku: world.code, qty, location: line.location, rma, orderLine: line.ref, bin, reason }, t);
    if (received.kind === "posted") inspectReturnLater(world, line.location, rma, qty, reason === "Arrived damaged", t);
  });
}

function inspectReturnLater(world: World, location: Loc, rma: string, qty: number, damaged: boolean, at: number) {
  world.agenda.at(inShift(at + world.rng.int(16, 70) * HOUR, world.rng), "return inspection", async (t) => {
    const bad = damaged || world.rng.chance(0.12);
    await world.post(crewAt(location), {
      type: "return.inspect", sku: world.code, qty, location, rma, result: bad ? "damaged" : "restock", ...(bad ? { reason: "Not resaleable" } : {}),
    }, t);
  });
}

/** A parcel back with no order to match it: taking it in needs a second warehouse person. */
export async function unmatchedReturn(world: World, at: number) {
  const location = world.rng.chance(0.7) ? EAST : WEST;
  const rma = world.next("RMA");
  const clerk = crewAt(location);
  await world.request(clerk, { type: "return.receive", sku: world.code, qty: 1, location, rma, bin: world.sku.homeBin[location], reason: "Parcel returned without paperwork" }, at, {
    by: otherWarehouse(clerk), after: world.rng.int(4, 40) * HOUR, approve: world.rng.chance(0.85), note: "Matched to a marketplace order by the serial number",
    then: (approved, t) => {
      if (approved) inspectReturnLater(world, location, rma, 1, false, t);
    },
  });
}

/** A wholesale order the supplier ships straight to the customer; its invoice follows. */
export async function dropShip(world: World, at: number) {
  const orderLine = world.next("DS");
  const qty = world.rng.int(3, 12);
  const unitCost = (world.sku.baseCost * world.rng.between(0.95, 1.05)).toFixed(2);
  const posted = await world.post(PEOPLE.sol, { type: "dropship", sku: world.code, qty, location: EAST, unitCost, channel: "wholesale", orderLine, reason: "Drop ship from the supplier" }, at);
  if (posted.kind === "posted") invoiceLater(world, { ref: orderLine, location: EAST, unitCost, owed: () => qty, invoiced: 0 }, at);
}

// An order line through the warehouse: pick, pack, ship and, for FOB destination
// (the goods stay ours on the road), the carrier's delivery. Each step moves what
// the previous one left, so a cancelled line simply stops.
import { DAY, MINUTE, inShift } from "./calendar.ts";
import { STAGING, crewAt } from "./cast.ts";
import type { OrderLine } from "./channels.ts";
import { maybeReturn } from "./returns.ts";
import type { Sim } from "./sim.ts";

export async function pick(sim: Sim, line: OrderLine, at: number) {
  const qty = sim.q(line.sku, line.location, "RESERVED", { doc: line.ref });
  if (qty <= 0) return;
  const staging = STAGING[line.location];
  await sim.post(crewAt(line.location), { type: "pick", sku: line.sku, qty, location: line.location, orderLine: line.ref, ...(staging ? { toBin: staging } : {}) }, at);
  sim.agenda.at(inShift(at + sim.rng.int(15, 120) * MINUTE, sim.rng), "pack", (t) => pack(sim, line, t));
}

/** Picks without scheduling the packing: the end of the story leaves it for tomorrow. */
export async function pickOnly(sim: Sim, line: OrderLine, at: number) {
  const qty = sim.q(line.sku, line.location, "RESERVED", { doc: line.ref });
  const staging = STAGING[line.location];
  await sim.post(crewAt(line.location), { type: "pick", sku: line.sku, qty, location: line.location, orderLine: line.ref, ...(staging ? { toBin: staging } : {}) }, at);
}

async function pack(sim: Sim, line: OrderLine, at: number) {
  const qty = sim.q(line.sku, line.location, "PICKED", { doc: line.ref });
  if (qty <= 0) return;
  const packer = crewAt(line.location);
  await sim.post(packer, { type: "pack", sku: line.sku, qty, location: line.location, orderLine: line.ref }, at);
  if (sim.rng.chance(0.012)) {
    await sim.post(packer, { type: "damage", sku: line.sku, qty: 1, location: line.location, fromState: "PACKED", orderLine: line.ref, reason: "Dropped while packing" }, at + 5 * MINUTE);
  }
  sim.agenda.at(inShift(at + sim.rng.int(30, 300) * MINUTE, sim.rng), "ship", (t) => ship(sim, line, t));
}

async function ship(sim: Sim, line: OrderLine, at: number) {
  const qty = sim.q(line.sku, line.location, "PACKED", { doc: line.ref });
  if (qty <= 0) return;
  await sim.post(crewAt(line.location), { type: "ship", sku: line.sku, qty, location: line.location, orderLine: line.ref, fob: line.fob }, at);
  if (line.fob === "destination") {
    sim.agenda.at(inShift(at + sim.rng.int(2, 6) * DAY, sim.rng), "deliver", (t) => deliver(sim, line, t));
  } else {
    maybeReturn(sim, line, qty, at);
  }
}

async function deliver(sim: Sim, line: OrderLine, at: number) {
  const qty = sim.q(line.sku, line.location, "OUTBOUND_TRANSIT", { doc: line.ref });
  if (qty <= 0) return;
  await sim.post(crewAt(line.location), { type: "deliver", sku: line.sku, qty, location: line.location, orderLine: line.ref, reason: "Carrier proof of delivery" }, at);
  maybeReturn(sim, line, qty, at);
}

// The business's week: orders every day, and on workdays the reorder review,
// store top-ups, the West rebalance, the write-off run, cycle counts and the odd
// accident, each on its own days. The first days only take in opening stock.
// The finance office keeps its own calendar (finance.ts).
import { DAY, HOUR, duringShift, isWorkday, startOfDay, weekday } from "./calendar.ts";
import { EAST, STORE, WEST } from "./cast.ts";
import { CHANNEL_PLANS } from "./channels.ts";
import { cycleCount } from "./counts.ts";
import { randomDamage, writeOffRun } from "./damage.ts";
import { scheduleFinale } from "./finale.ts";
import { scheduleFinance } from "./finance.ts";
import { placeOrder } from "./orders.ts";
import { openingStock, reviewReorders } from "./purchasing.ts";
import type { Sim } from "./sim.ts";
import { scriptedEvents } from "./story.ts";
import { rebalanceWest, replenishStore } from "./transfers.ts";

/** Puts the whole history on the agenda; the days fill in their own work as they come. */
export function scheduleHistory(sim: Sim) {
  sim.agenda.at(sim.start + 14 * HOUR, "opening stock", (at) => openingStock(sim, at));
  for (let day = sim.start; day <= startOfDay(sim.end); day += DAY) {
    sim.agenda.at(day, "day", (at) => planDay(sim, at));
  }
  scriptedEvents(sim);
  scheduleFinale(sim);
  scheduleFinance(sim);
}

async function planDay(sim: Sim, day: number) {
  const rng = sim.rng;
  const opening = day - sim.start < 2 * DAY;
  if (!opening) {
    for (const channel of CHANNEL_PLANS) {
      if (channel.weekdaysOnly && (weekday(day) === 0 || weekday(day) === 6)) continue;
      const orders = rng.poisson(channel.perDay * sim.trend(day));
      for (let i = 0; i < orders; i++) {
        const at = duringShift(day, rng, channel.hours[0], channel.hours[1]);
        sim.agenda.at(at, "order", (t) => placeOrder(sim, channel, t));
      }
    }
  }
  if (!isWorkday(day)) return;
  if (day - sim.start >= 3 * DAY) {
    sim.agenda.at(duringShift(day, rng, 14, 15), "reorder review", (t) => reviewReorders(sim, t));
  }
  const dow = weekday(day);
  if (dow === 1 || dow === 4) sim.agenda.at(duringShift(day, rng, 14, 16), "store replenishment", (t) => replenishStore(sim, t));
  if (dow === 3 || (day - sim.start < 7 * DAY && dow === 6)) sim.agenda.at(duringShift(day, rng, 15, 17), "west rebalance", (t) => rebalanceWest(sim, t));
  if (dow === 5) sim.agenda.at(duringShift(day, rng, 19, 21), "write-off run", (t) => writeOffRun(sim, t));
  if (day - sim.start >= 7 * DAY) {
    if (dow === 1 || dow === 3 || dow === 5 || rng.chance(0.3)) sim.agenda.at(duringShift(day, rng, 15, 21), "cycle count", (t) => cycleCount(sim, EAST, t));
    if (dow === 2 || dow === 6) sim.agenda.at(duringShift(day, rng, 15, 21), "cycle count", (t) => cycleCount(sim, WEST, t));
    if (dow === 1) sim.agenda.at(duringShift(day, rng, 15, 21), "cycle count", (t) => cycleCount(sim, STORE, t));
    for (const [location, p] of [[EAST, 0.15], [WEST, 0.1], [STORE, 0.05]] as const) {
      if (rng.chance(p)) sim.agenda.at(duringShift(day, rng), "damage", (t) => randomDamage(sim, location, t));
    }
  }
}

// Customer orders: each line reserved at the first site with stock available to
// promise to its channel (a line no site can promise is lost, and counted), some
// cancelled before the pick.
import { HOUR, MINUTE, inShift } from "./calendar.ts";
import { SKU_PLANS } from "./cast.ts";
import type { ChannelPlan, Fob, OrderLine } from "./channels.ts";
import { pick } from "./fulfilment.ts";
import type { Sim } from "./sim.ts";

export async function placeOrder(sim: Sim, channel: ChannelPlan, at: number) {
  const rng = sim.rng;
  const eligible = SKU_PLANS.filter(channel.eligible);
  const lineCount = rng.int(...channel.lines);
  const chosen = new Set<string>();
  for (let i = 0; i < lineCount * 3 && chosen.size < lineCount; i++) chosen.add(rng.weighted(eligible.map((sku) => [sku.code, sku.weight] as const)));
  const order = sim.next(channel.prefix, channel.key === "wholesale" ? 2040 : channel.key === "store" ? 880 : channel.key === "web" ? 20410 : 70030, channel.key === "wholesale" || channel.key === "store" ? 4 : 5);
  const fob: Fob = rng.chance(channel.fobDestination) ? "destination" : "shipping_point";
  const pickAt = inShift(at + rng.between(...channel.pickAfter) * HOUR, rng);
  const cancel = channel.key !== "wholesale" && rng.chance(0.05);
  let n = 0;
  for (const sku of chosen) {
    const wanted = rng.int(...channel.qty);
    const first = rng.weighted(channel.sites);
    const sites = [first, ...channel.sites.map(([site]) => site).filter((site) => site !== first)];
    let placed = false;
    for (const location of sites) {
      const qty = Math.min(wanted, sim.atp(sku, location, channel.channel));
      if (qty < 1) continue;
      n += 1;
      const line: OrderLine = { ref: `${order}-${n}`, sku, location, channel: channel.channel, plan: channel, fob };
      const result = await sim.post(channel.clerk, { type: "reserve", sku, qty, location, channel: channel.channel, orderLine: line.ref }, at + n * 20_000);
      if (!result) break;
      placed = true;
      sim.orderLines.push(line);
      if (cancel) {
        const releaseAt = at + rng.between(0.3, Math.max(0.5, (pickAt - at) / HOUR - 0.5)) * HOUR;
        sim.agenda.at(releaseAt, "release", (t) => release(sim, line, t));
      }
      sim.agenda.at(pickAt + n * MINUTE, "pick", (t) => pick(sim, line, t));
      break;
    }
    if (!placed) {
      sim.report.lostLines += 1;
      await sim.ledger.lostDemand(channel.clerk, { sku, qty: wanted, location: first, channel: channel.channel, orderLine: `${order}-lost-${chosen.size}` }, at);
    }
  }
  if (n) sim.report.orders += 1;
}

async function release(sim: Sim, line: OrderLine, at: number) {
  const reserved = sim.q(line.sku, line.location, "RESERVED", { doc: line.ref });
  if (reserved <= 0) return;
  const partial = reserved >= 2 && sim.rng.chance(0.4);
  await sim.post(line.plan.clerk, {
    type: "release", sku: line.sku, qty: partial ? 1 : reserved, location: line.location, orderLine: line.ref, channel: line.channel,
    reason: partial ? "Customer reduced the quantity" : "Customer cancelled the order",
  }, at);
}

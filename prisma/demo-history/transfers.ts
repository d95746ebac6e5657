// Stock moved between our own sites, always out of the East warehouse: twice-weekly
// top-ups of the SoHo store and a weekly rebalance of the West, both limited to
// what the East can spare.
import { DAY, HOUR, inShift } from "./calendar.ts";
import { EAST, PEOPLE, SKU_PLANS, STORE, WEST, type Loc } from "./cast.ts";
import { key } from "./plans.ts";
import type { Sim } from "./sim.ts";

type TransferLine = { sku: string; qty: number };

export async function replenishStore(sim: Sim, at: number) {
  const lines: TransferLine[] = [];
  for (const sku of SKU_PLANS.filter((plan) => plan.store)) {
    const target = sku.family === "LAMP" ? 8 : 5;
    const have = sim.q(sku.code, STORE, "AVAILABLE") + sim.q(sku.code, STORE, "TRANSFER_TRANSIT");
    const send = Math.min(target - have, sim.eastSpare(sku.code));
    if (target - have >= 2 && send >= 1) lines.push({ sku: sku.code, qty: send });
  }
  await transfer(sim, STORE, lines, at, inShift(at + sim.rng.int(18, 30) * HOUR, sim.rng), false);
}

export async function rebalanceWest(sim: Sim, at: number) {
  const lines: TransferLine[] = [];
  for (const sku of SKU_PLANS) {
    const { point, upTo } = sim.reorder.get(key(sku.code, WEST))!;
    const position = sim.q(sku.code, WEST, "AVAILABLE") + sim.q(sku.code, WEST, "RECEIVING") + sim.q(sku.code, WEST, "TRANSFER_TRANSIT") +
      (sku.westBy === "po" ? sim.q(sku.code, WEST, "ON_ORDER") + sim.q(sku.code, WEST, "INBOUND_TRANSIT") : 0);
    // Imports normally reach the West directly; the East only helps out when the West runs dry.
    const threshold = sku.westBy === "transfer" ? point : Math.min(point, sim.policy.get(key(sku.code, WEST))!.safetyStock + 1);
    if (position > threshold) continue;
    const send = Math.min(upTo - position, sim.eastSpare(sku.code));
    if (send >= 3) lines.push({ sku: sku.code, qty: send });
  }
  const arrival = inShift(at + sim.rng.int(3, 5) * DAY, sim.rng);
  await transfer(sim, WEST, lines, at, arrival, sim.rng.chance(0.3));
}

/** `viaReceiving`: the destination inspects the goods before they are available. */
export async function transfer(sim: Sim, to: Loc, lines: TransferLine[], at: number, arrival: number, viaReceiving: boolean) {
  if (!lines.length) return;
  const ref = sim.next("TR-", 310);
  sim.report.transfers += 1;
  const shipped: TransferLine[] = [];
  for (const [i, line] of lines.entries()) {
    const result = await sim.post(PEOPLE.wes, { type: "transfer.ship", sku: line.sku, qty: line.qty, location: EAST, toLocation: to, transfer: ref }, at + i * 30_000);
    if (result) shipped.push(line);
  }
  sim.agenda.at(arrival, "transfer receipt", async (t) => {
    for (const [i, line] of shipped.entries()) {
      const bin = sim.plan(line.sku).homeBin[to];
      await sim.post(PEOPLE.wren, { type: "transfer.receive", sku: line.sku, qty: line.qty, location: to, transfer: ref, bin, toState: viaReceiving ? "RECEIVING" : "AVAILABLE" }, t + i * 30_000);
      if (viaReceiving) {
        sim.agenda.at(inShift(t + sim.rng.int(2, 20) * HOUR, sim.rng), "inspection", async (tt) => {
          const qty = Math.min(line.qty, sim.q(line.sku, to, "RECEIVING", { bin }));
          if (qty > 0) await sim.post(PEOPLE.wren, { type: "inspect", sku: line.sku, qty, location: to, bin, result: "pass" }, tt);
        });
      }
    }
  });
}

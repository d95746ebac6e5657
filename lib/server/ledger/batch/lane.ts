import "server-only";
import type { Db } from "@/lib/server/sql";
import { planEvent, type Plan } from "@/lib/domain/plan";
import type { Valuation } from "@/lib/domain/finance/value-event";
import { applyLegs } from "@/lib/domain/positions";
import { fromMinor, toMinor, UNIT_COST_SCALE } from "@/lib/domain/money";
import { periodOf } from "@/lib/domain/periods";
import { loadSkuState, planContext, type SkuState } from "@/lib/server/ledger/context";
import { VALUED_TYPES } from "@/lib/server/ledger/cost-context";
import { costArgs, documentsOf, groupHeader, named, postEvent, valueGroup, type Actor, type PostResult } from "@/lib/server/ledger/post-event";
import { resolveCodes, type Refs, type SkuRef } from "@/lib/server/ledger/refs";
import { writeGroups, type PlannedGroup } from "@/lib/server/ledger/write";
import { writeValuations } from "@/lib/server/ledger/write-valuation";
import { BatchRefusal, type BatchEvent } from "./parse";

// A batch's events of one SKU, posted in order under the SKU's lock. The SKU's
// state is read once; each event is planned and valued in memory against the
// state the events before it left, exactly as `postEvent` would plan it against
// the database, and the lane's groups are then written set by set. Whatever the
// chained state cannot stand for goes through `postEvent` itself, after what was
// planned before it is written: a reversal, a write-off or count (they read the
// day's earlier ones), a cost change, an event that needs approval, one that moves
// units of an order line the read did not cover, and one dated before an event
// already in the chain or in another month (an event dated before others sees
// fewer units at its moment than now: `postEvent` reads those later moves).

export type LaneEvent = { index: number; input: BatchEvent };

const CHAINED = (input: BatchEvent) => !["reverse", "writeoff", "count", "cost.change"].includes(input.type);

type Planned = { index: number; group: PlannedGroup; valuation: Valuation | null };

/**
 * Posts a lane's events in index order; `answer` receives each one's result. A
 * refusal throws a BatchRefusal naming its index. `stop` says the index past which
 * another lane was refused, so nothing later is worth posting.
 */
export async function postLane(
  tx: Db,
  actor: Actor,
  sku: SkuRef | null,
  events: LaneEvent[],
  options: { claimed: Promise<void>; stop: () => number; answer: (index: number, result: PostResult) => void },
): Promise<void> {
  const now = new Date();
  const orderLines = new Set(events.flatMap(({ input }) => ("orderLine" in input && input.orderLine ? [input.orderLine] : [])));
  const pos = [...new Set(events.flatMap(({ input }) => (documentsOf(input).po ? [documentsOf(input).po!] : [])))];
  const valued = events.filter(({ input }) => CHAINED(input) && VALUED_TYPES.has(input.type));
  const costDocs = [...new Set(valued.flatMap(({ input }) => costArgs(input).docs))];
  let state: SkuState | null = null;
  let refs: Refs | null = null;
  let pending: Planned[] = [];

  const flush = async () => {
    if (!pending.length || !sku || !refs) return;
    const batch = pending;
    pending = [];
    await options.claimed;
    try {
      const posted = await writeGroups(tx, refs, sku, batch.map((planned) => planned.group));
      await writeValuations(tx, refs, sku, batch.flatMap((planned, i) => (planned.valuation ? [{ posted: posted[i], valuation: planned.valuation }] : [])));
      batch.forEach((planned, i) => options.answer(planned.index, posted[i]));
    } catch (error) {
      throw new BatchRefusal(batch[0].index, error);
    }
  };
  const alone = async ({ index, input }: LaneEvent) => {
    await flush();
    state = null; // what postEvent writes is read afresh by the next chained event
    try {
      options.answer(index, await postEvent(tx, actor, input, { claimed: options.claimed }));
    } catch (error) {
      throw new BatchRefusal(index, error);
    }
  };

  // The chain holds while events come in date order: none is dated before the read's
  // moment, and the read found nothing dated after it, so no event has later moves.
  let floor = new Date(Math.min(...events.map(({ input }) => (input.occurredAt ?? now).getTime())));
  for (const event of events) {
    if (event.index > options.stop()) return;
    const at = event.input.occurredAt ?? now;
    if (!sku || !CHAINED(event.input) || at < floor || periodOf(at) !== periodOf(floor)) {
      if (at > floor) floor = at;
      await alone(event);
      continue;
    }
    try {
      const input = named(event.input);
      const resolved = await resolveCodes(tx, input);
      refs = resolved.refs;
      state ??= await loadSkuState(tx, refs, sku, {
        occurredAt: floor,
        actor,
        needsToday: false,
        pos,
        orderLines: [...orderLines],
        cost: valued.length ? { docs: costDocs, seqs: [] } : undefined,
      });
      if (Object.keys(state.later).length) {
        state = null;
        floor = now;
        await alone(event);
        continue;
      }
      const context = planContext(state, refs, sku, { now, occurredAt: at, actor, locationId: resolved.locationId, ...documentsOf(input) });
      const ctx = VALUED_TYPES.has(input.type) ? context : { ...context, cost: null };
      const plan = planEvent(input, ctx);
      if (plan.approval || !covered(plan, orderLines)) {
        await alone(event);
        continue;
      }
      const valuation = ctx.cost ? valueGroup(ctx, plan, input, at) : null;
      advance(state, plan, valuation, documentsOf(input).po);
      pending.push({ index: event.index, group: { plan, header: groupHeader(input, actor, at) }, valuation });
      floor = at;
    } catch (error) {
      if (error instanceof BatchRefusal) throw error;
      throw new BatchRefusal(event.index, error);
    }
  }
  await flush();
}

/** Whether the chained state holds every bounded position the plan moves: units at the customer only for the order lines it read. */
function covered(plan: Plan, orderLines: Set<string>): boolean {
  return plan.legs.every((leg) => [leg.from, leg.to].every((side) => side.state !== "CUSTOMER" || side.doc === "" || orderLines.has(side.doc)));
}

/** The state as the database holds it once the plan is written: its balances, cost state and the documents it opens. */
function advance(state: SkuState, plan: Plan, valuation: Valuation | null, poRef: string | undefined) {
  state.balances = applyLegs(state.balances, plan.legs);
  if (valuation && state.cost) state.cost = { ...state.cost, state: valuation.state };
  const doc = plan.document;
  if (doc?.kind === "po" && !state.pos.has(doc.ref)) {
    // As the document table keeps it: the unit cost at four decimals.
    const unitCost = doc.unitCost === undefined ? null : fromMinor(toMinor(doc.unitCost, UNIT_COST_SCALE), UNIT_COST_SCALE);
    state.pos.set(doc.ref, { location: doc.location, eta: doc.eta ?? null, fob: doc.fob ?? null, unitCost });
    if (state.cost) state.cost.state.pos[doc.ref] = { unitCost: unitCost === null ? 0n : toMinor(unitCost, UNIT_COST_SCALE), fob: doc.fob ?? null };
  }
  if (doc?.kind === "order_line" && !state.orderLines.has(doc.ref)) state.orderLines.set(doc.ref, { location: doc.location, channel: doc.channel ?? "" });
  const shipped = plan.type === "po.ship" && typeof plan.data.eta === "string" && poRef ? state.pos.get(poRef) : undefined;
  if (shipped) shipped.eta = new Date(plan.data.eta as string);
}

import "server-only";
import type { Db } from "@/lib/server/sql";
import type { EventInput } from "@/lib/domain/event-input";
import { planEvent, type Plan } from "@/lib/domain/plan";
import type { Valuation } from "@/lib/domain/finance/value-event";
import { applyLegs } from "@/lib/domain/positions";
import { fromMinor, toMinor, UNIT_COST_SCALE } from "@/lib/domain/money";
import { periodOf } from "@/lib/domain/periods";
import { isDomainError } from "@/lib/domain/errors";
import { loadSkuState, loadSkuStates, planContext, type ChainRead, type SkuState } from "./context";
import { VALUED_TYPES } from "./cost-context";
import { costArgs, documentsOf, groupHeader, named, valueGroup, type Actor, type PostResult } from "./post-event";
import { knownCodes, resolveCodes, type Refs, type SkuRef } from "./refs";
import { writeLanes, type PlannedGroup } from "./write";
import { writeValuationLanes } from "./write-valuation";

// Several events of one SKU, posted under its lock in one transaction (a batch's
// lane, or a group commit's events of that SKU). The SKU's state is read once;
// each event is planned and valued in memory against the state the events before
// it left, exactly as `postEvent` plans it against the database, and the planned
// groups are then written set by set. What the chained state cannot stand for is
// left to `postEvent` (the caller runs it, after writing what was planned): a
// reversal, a write-off or count (they read the day's earlier ones), a cost change,
// an event that needs approval, one that moves units of an order line the read did
// not cover, and one dated before an event already in the chain or in another month
// (an event dated before others sees fewer units at its moment than now:
// `postEvent` reads those later moves).

type Chainable = Exclude<EventInput, { type: "period.close" }>;

/** Whether an event's type can be planned on a chained state at all. */
export function chainable(input: Chainable): boolean {
  return !["reverse", "writeoff", "count", "cost.change"].includes(input.type);
}

type Planned<T> = { tag: T; group: PlannedGroup; valuation: Valuation | null };

export class SkuChain<T> {
  private state: SkuState | null = null;
  private refs: Refs | null = null;
  private pending: Planned<T>[] = [];
  private floor: Date;
  private readonly orderLines: Set<string>;
  private readonly pos: string[];
  private readonly costDocs: string[];
  private readonly valued: boolean;

  /** `inputs`: every event the chain may see, for the documents its one read covers. */
  constructor(
    private readonly tx: Db,
    private readonly sku: SkuRef,
    inputs: Chainable[],
    private readonly now: Date,
  ) {
    const chained = inputs.filter(chainable);
    this.orderLines = new Set(chained.flatMap((input) => ("orderLine" in input && input.orderLine ? [input.orderLine] : [])));
    this.pos = [...new Set(chained.flatMap((input) => documentsOf(input).po ?? []))];
    const valued = chained.filter((input) => VALUED_TYPES.has(input.type));
    this.valued = valued.length > 0;
    this.costDocs = [...new Set(valued.flatMap((input) => costArgs(input).docs))];
    this.floor = new Date(Math.min(...inputs.map((input) => (input.occurredAt ?? now).getTime())));
  }

  /**
   * Reads the states of several chains' SKUs ahead of planning, in one statement:
   * each chain for the first event it can plan. A failure is left for `plan` to
   * meet again and refuse as that event's.
   */
  static async warmAll<T>(tx: Db, asked: { chain: SkuChain<T>; input: Chainable }[]): Promise<void> {
    const first = new Map<SkuChain<T>, Chainable>();
    for (const { chain, input } of asked) if (!chain.state && chainable(input) && !first.has(chain)) first.set(chain, input);
    const resolved = await Promise.all(
      [...first].map(async ([chain, input]) => {
        try {
          return { chain, refs: (await resolveCodes(tx, input)).refs };
        } catch {
          return null;
        }
      }),
    );
    const reads = resolved.filter((entry) => entry !== null);
    try {
      const states = await loadSkuStates(tx, reads.map(({ chain, refs }) => chain.read(refs)));
      reads.forEach(({ chain }, i) => (chain.state ??= states[i]));
    } catch (error) {
      // A fault of the database itself is no refusal of one event: the group answers it.
      if (!isDomainError(error)) throw error;
    }
  }

  private read(refs: Refs): ChainRead {
    return { refs, sku: this.sku, occurredAt: this.floor, pos: this.pos, orderLines: [...this.orderLines], costDocs: this.valued ? this.costDocs : null };
  }

  private load(refs: Refs, actor: Actor): Promise<SkuState> {
    const read = this.read(refs);
    return loadSkuState(this.tx, refs, this.sku, {
      occurredAt: read.occurredAt,
      actor,
      needsToday: false,
      pos: read.pos,
      orderLines: read.orderLines,
      othersSummed: true,
      cost: read.costDocs ? { docs: read.costDocs, seqs: [] } : undefined,
    });
  }

  /**
   * Plans the event on the chained state. "planned": it joins what `flush` writes;
   * "alone": the caller posts it through `postEvent` (after `flush`, then
   * `forget`). A refusal throws the event's own error and leaves the chain as it was.
   */
  async plan(actor: Actor, asked: Chainable, tag: T): Promise<"planned" | "alone"> {
    if (this.leavesAlone(asked)) return "alone";
    const resolved = await resolveCodes(this.tx, asked);
    this.state ??= await this.load(resolved.refs, actor);
    return this.planOn(actor, asked, resolved, tag);
  }

  /**
   * `plan` without waiting, when the SKU's state is read and this process knows
   * every code the event names; undefined otherwise (call `plan`). A lane planned
   * this way runs through its events in one go instead of taking turns with every
   * other lane at each event: its state stays in the processor's caches. Planning
   * a reservation took about twice as long when 32 lanes took turns.
   */
  planNow(actor: Actor, asked: Chainable, tag: T): "planned" | "alone" | undefined {
    if (!this.state) return undefined;
    if (this.leavesAlone(asked)) return "alone";
    const resolved = knownCodes(this.tx, asked);
    return resolved ? this.planOn(actor, asked, resolved, tag) : undefined;
  }

  /** Whether the event is one the chain cannot stand for (see the top of this file); the floor moves past it. */
  private leavesAlone(asked: Chainable): boolean {
    const at = asked.occurredAt ?? this.now;
    if (chainable(asked) && at >= this.floor && periodOf(at) === periodOf(this.floor)) return false;
    if (at > this.floor) this.floor = at;
    return true;
  }

  private planOn(actor: Actor, asked: Chainable, resolved: { refs: Refs; locationId?: string }, tag: T): "planned" | "alone" {
    const at = asked.occurredAt ?? this.now;
    const input = named(asked);
    this.refs = resolved.refs;
    // Events dated after the read's moment (a clock ahead of this one's) change what may be taken: those post one by one.
    if (Object.keys(this.state!.later).length) {
      this.state = null;
      this.floor = this.now;
      return "alone";
    }
    const ctx = planContext(this.state!, resolved.refs, this.sku, { now: this.now, occurredAt: at, actor, locationId: resolved.locationId, ...documentsOf(input) });
    if (!VALUED_TYPES.has(input.type)) ctx.cost = null; // a new object of this event's own
    const plan = planEvent(input, ctx);
    if (plan.approval || !this.covers(plan)) return "alone";
    const valuation = ctx.cost ? valueGroup(ctx, plan, input, at) : null;
    this.advance(plan, valuation, documentsOf(input).po);
    this.pending.push({ tag, group: { plan, header: groupHeader(input, actor, at) }, valuation });
    this.floor = at;
    return "planned";
  }

  /** After `postEvent` wrote an event the chain left alone: the next event reads the state afresh. */
  forget() {
    this.state = null;
  }

  /** Writes what was planned; each planned event's tag with its answer. On a failure nothing is known written: the caller's transaction must not commit. */
  flush(onPosted?: (tag: T, posted: Extract<PostResult, { kind: "posted" }>) => void): Promise<{ tag: T; posted: Extract<PostResult, { kind: "posted" }> }[]> {
    return SkuChain.flushAll(this.tx, [this], onPosted);
  }

  /**
   * `flush` for several chains (of different SKUs) at once: their rows in one write, their valuations in another.
   * `onPosted` receives each event's answer as soon as its rows are written (before the valuations are).
   */
  static async flushAll<T>(
    tx: Db,
    chains: SkuChain<T>[],
    onPosted?: (tag: T, posted: Extract<PostResult, { kind: "posted" }>) => void,
  ): Promise<{ tag: T; posted: Extract<PostResult, { kind: "posted" }> }[]> {
    const taken = chains.flatMap((chain) => {
      if (!chain.pending.length || !chain.refs) return [];
      const planned = chain.pending;
      chain.pending = [];
      return [{ chain, refs: chain.refs, sku: chain.sku, planned }];
    });
    if (!taken.length) return [];
    try {
      const lanes = taken.map(({ refs, sku, planned }) => ({ refs, sku, groups: planned.map((p) => p.group) }));
      const plannedOf = new Map(lanes.map((lane, i) => [lane, taken[i].planned]));
      const posted = await writeLanes(
        tx,
        lanes,
        onPosted && ((lane, from, answers) => answers.forEach((answer, i) => onPosted(plannedOf.get(lane)![from + i].tag, answer))),
      );
      await writeValuationLanes(
        tx,
        taken.map(({ refs, sku, planned }, lane) => ({
          refs, sku, groups: planned.flatMap((p, i) => (p.valuation ? [{ posted: posted[lane][i], valuation: p.valuation }] : [])),
        })),
      );
      return taken.flatMap(({ planned }, lane) => planned.map((p, i) => ({ tag: p.tag, posted: posted[lane][i] })));
    } catch (error) {
      // Still pending: after a rollback to a savepoint the caller may write them chain by chain.
      for (const { chain, planned } of taken) chain.pending = planned;
      throw error;
    }
  }

  /** How many planned events `flush` would write. */
  pendingCount(): number {
    return this.pending.length;
  }

  /** The first tag `flush` would write: the event a failed write is laid at. */
  firstPending(): T | undefined {
    return this.pending[0]?.tag;
  }

  /** Whether the chained state holds every bounded position the plan moves: units at the customer only for the order lines it read. */
  private covers(plan: Plan): boolean {
    return plan.legs.every((leg) => [leg.from, leg.to].every((side) => side.state !== "CUSTOMER" || side.doc === "" || this.orderLines.has(side.doc)));
  }

  /** The state as the database holds it once the plan is written: its balances, cost state and the documents it opens. */
  private advance(plan: Plan, valuation: Valuation | null, poRef: string | undefined) {
    const state = this.state!;
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
}

// One SKU's business, simulated on its own clock: its agenda of things to do, a
// mirror of its balances built from what the service answered (so each decision
// fits the stock it finds), the requests it waits on and the documents it keeps.
// SKUs never share a document, so each world runs apart from the others and only
// its own events need to be in order.
import { atpInputAt, atpToday } from "../../../lib/domain/atp.ts";
import { positionKey, sumQty, type BalanceRow } from "../../../lib/domain/positions.ts";
import type { State } from "../../../lib/domain/states.ts";
import { Agenda, DAY, HOUR, MINUTE, isWorkday, weekday } from "../../../prisma/demo-history/calendar.ts";
import { EAST, SUPPLIERS, WEST, type Loc, type Person } from "../../../prisma/demo-history/cast.ts";
import { Random } from "../../../prisma/demo-history/random.ts";
import type { SimSku } from "./catalogue.ts";
import type { Outcome, Poster, RawEvent } from "./poster.ts";
import { placeOrder } from "./sales.ts";
import { reviewReorders, openingStock } from "./supply.ts";
import { scheduleFloorWork } from "./floor.ts";

/** Mean units per order line across the channels (sales.ts), for sizing purchases. */
export const UNITS_PER_LINE = 2.1;

type Request = {
  id: string;
  type: string;
  /** When it was asked (business time): approving posts it dated then. */
  datedAt: number;
  decideAt: number;
  decider: Person;
  approve: boolean;
  note: string;
  done: boolean;
  then?: (approved: boolean, at: number) => void | Promise<void>;
};

export type Decision = { by: Person; after: number; approve: boolean; note: string; then?: Request["then"] };

export class World {
  readonly agenda = new Agenda();
  readonly rng: Random;
  /** Units already under a pending request (write-off of DAMAGED, release of QUALITY_HOLD), per location. */
  readonly claimed = { DAMAGED: new Map<string, number>(), QUALITY_HOLD: new Map<string, number>() };
  /** Order lines per day, set each month so the year reaches its event target. */
  rate = 0.3;
  reorder: Record<typeof EAST | typeof WEST, { point: number; upTo: number }> = { [EAST]: { point: 0, upTo: 0 }, [WEST]: { point: 0, upTo: 0 } };
  standardCost: number;
  monthStart = 0;
  monthEnd = 0;
  private opened = false;
  private readonly book = new Map<string, BalanceRow>();
  private readonly requests = new Map<string, Request>();
  private readonly numbers = new Map<string, number>();
  private last = 0;

  constructor(
    readonly sku: SimSku,
    readonly poster: Poster,
    seed: number,
  ) {
    this.rng = new Random((seed ^ Math.imul(sku.index + 1, 0x9e3779b1)) >>> 0);
    this.standardCost = Number(sku.standardCost ?? sku.baseCost);
  }

  get code(): string {
    return this.sku.code;
  }

  rows(): BalanceRow[] {
    return [...this.book.values()];
  }

  q(location: string, state: State, extra: { bin?: string; doc?: string } = {}): number {
    return sumQty(this.rows(), { location, state, ...extra });
  }

  atp(location: Loc, channel: string): number {
    return atpToday(atpInputAt(this.rows(), location, this.sku.policy[location]), channel);
  }

  unclaimed(state: "DAMAGED" | "QUALITY_HOLD", location: string, bin?: string): number {
    return this.q(location, state, bin ? { bin } : {}) - (this.claimed[state].get(location) ?? 0);
  }

  claim(state: "DAMAGED" | "QUALITY_HOLD", location: string, qty: number) {
    this.claimed[state].set(location, (this.claimed[state].get(location) ?? 0) + qty);
  }

  /** What the East can send away and still serve its own orders for a week. */
  eastSpare(): number {
    const policy = this.sku.policy[EAST];
    const fences = Object.values(policy.fences).reduce((a, b) => a + b, 0);
    return this.q(EAST, "AVAILABLE") - policy.safetyStock - fences - Math.ceil(this.rate * UNITS_PER_LINE * 7);
  }

  /** A document number unique to this SKU: PO-12-3, WEB-12-40 … */
  next(prefix: string): string {
    const n = (this.numbers.get(prefix) ?? 0) + 1;
    this.numbers.set(prefix, n);
    return `${prefix}-${this.sku.index + 1}-${n}`;
  }

  /**
   * Posts one event. Business time only moves forward (a second at least between
   * two events of the SKU) unless `backdated`, which dates it where it says: a
   * correction keyed in after later events.
   */
  async post(person: Person, raw: RawEvent, at: number, options: { backdated?: boolean } = {}): Promise<Outcome> {
    const when = options.backdated ? at : this.stamp(at);
    const outcome = await this.poster.post(person, raw, when);
    if (outcome.kind === "posted") this.apply(outcome.balances);
    return outcome;
  }

  /** Posts an event that may need approval; if it does, the decision is taken `after` ms later. */
  async request(person: Person, raw: RawEvent, at: number, decision: Decision, options: { backdated?: boolean } = {}): Promise<Outcome> {
    const when = options.backdated ? at : this.stamp(at);
    const outcome = await this.poster.post(person, raw, when);
    if (outcome.kind === "posted") this.apply(outcome.balances);
    if (outcome.kind !== "approval") return outcome;
    const request: Request = { id: outcome.id, type: raw.type, datedAt: when, decideAt: when + decision.after, decider: decision.by, approve: decision.approve, note: decision.note, done: false, then: decision.then };
    this.requests.set(request.id, request);
    this.agenda.at(request.decideAt, "decision", (t) => this.decide(request, t));
    return outcome;
  }

  /**
   * Takes a pending decision. An approval refused (the request's month closed
   * meanwhile, or its moves no longer fit) is followed by a rejection, so no
   * request is left hanging.
   */
  private async decide(request: Request, at: number) {
    if (request.done) return;
    request.done = true;
    this.requests.delete(request.id);
    let approved = false;
    if (request.approve) {
      const outcome = await this.poster.decide(request.decider, request.id, "approve", request.note, request.type);
      if (outcome.kind === "posted") this.apply(outcome.balances);
      approved = outcome.kind !== "refused";
      if (!approved) await this.poster.decide(request.decider, request.id, "reject", `Could not be approved: ${outcome.kind === "refused" ? outcome.code : ""}`, request.type);
    } else {
      await this.poster.decide(request.decider, request.id, "reject", request.note, request.type);
    }
    await request.then?.(approved, at);
  }

  /** Sets this month's order rate and the reorder levels that follow from it. */
  setRate(rate: number) {
    this.rate = rate;
    const daily = rate * UNITS_PER_LINE;
    const sku = this.sku;
    const east = sku.policy[EAST];
    const fenceTotal = Object.values(east.fences).reduce((a, b) => a + b, 0);
    const lead = (SUPPLIERS[sku.supplier].leadDays[0] + SUPPLIERS[sku.supplier].leadDays[1]) / 2 + 3;
    const eastFlow = daily * (0.6 + (sku.westBy === "transfer" ? 0.3 : 0) + (sku.store ? 0.1 : 0));
    const eastPoint = east.safetyStock + fenceTotal + Math.ceil(eastFlow * lead) + 2;
    this.reorder[EAST] = { point: eastPoint, upTo: eastPoint + Math.max(6, Math.ceil(eastFlow * 21)) };
    const westPoint = sku.policy[WEST].safetyStock + Math.ceil(daily * 0.3 * (sku.westBy === "po" ? lead : 8)) + 1;
    this.reorder[WEST] = { point: westPoint, upTo: westPoint + Math.max(4, Math.ceil(daily * 0.3 * 18)) };
  }

  /** Puts a month's business on the agenda: each day's orders and routines, and the month's mishaps. */
  planMonth(start: number, end: number) {
    this.monthStart = start;
    this.monthEnd = end;
    const opening = !this.opened;
    if (opening) {
      this.opened = true;
      this.agenda.at(start + 7 * HOUR + this.rng.int(0, 60) * MINUTE, "opening stock", (t) => openingStock(this, t));
    }
    for (let day = start; day < end; day += DAY) {
      // Nothing to sell until the opening stock is in.
      if (!(opening && day - start < 2 * DAY)) {
        const orders = this.rng.poisson(this.rate * (weekday(day) === 0 ? 0.6 : 1.08));
        for (let i = 0; i < orders; i++) this.agenda.at(day + this.rng.int(12 * 60, 22 * 60 + 50) * MINUTE, "order", (t) => placeOrder(this, t));
      }
      if (isWorkday(day)) this.agenda.at(day + 8 * HOUR + this.rng.int(0, 60) * MINUTE, "reorder review", (t) => reviewReorders(this, t));
    }
    scheduleFloorWork(this, start, end);
  }

  /** Runs everything on the agenda before `end`, in business-time order. */
  async runUntil(end: number) {
    for (;;) {
      const task = this.agenda.peek();
      if (!task || task.at >= end) return;
      this.agenda.pop();
      await task.run(task.at);
    }
  }

  /**
   * Before the month closes: most requests asked in it and still waiting are
   * decided now (approving one later would post into a closed month); the rest
   * wait, and their approval is refused after the close, then rejected.
   */
  async settle(end: number) {
    for (const request of [...this.requests.values()]) {
      if (request.done || request.datedAt >= end || request.decideAt < end) continue;
      if (this.rng.chance(0.75)) await this.decide(request, end - HOUR);
    }
  }

  /** Requests waiting for a decision. */
  get waiting(): number {
    return this.requests.size;
  }

  private stamp(at: number): number {
    const next = Math.max(at, this.last + 1000);
    this.last = next;
    return next;
  }

  private apply(balances: readonly BalanceRow[]) {
    for (const row of balances) {
      const key = positionKey(row);
      if (row.qty === 0) this.book.delete(key);
      else this.book.set(key, { ...row });
    }
  }
}


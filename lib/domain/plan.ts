// One function decides every move: given an event and the SKU's current balances,
// it returns the legs to post (or the approval the event needs), or refuses with
// a clear DomainError. Pure: the ledger service reads, locks and writes around it.
import { DomainError } from "./errors.ts";
import type { EventInput } from "./event-input.ts";
import { EVENT_RULES, isAllowedMove, type EventType } from "./event-types.ts";
import { atpInputAt, atpToday } from "./atp.ts";
import { compareAmounts, extend, formatMoney } from "./money.ts";
import { position, sumQty, type BalanceRow, type Leg, type Match, type Position } from "./positions.ts";
import { can, type Permission, type Role } from "./roles.ts";
import { PHYSICAL_STATES, type State } from "./states.ts";

export type PoDocument = { location: string; eta: Date | null; fob: string | null; unitCost: string | null };
export type OrderLineDocument = { location: string; channel: string };

export type PlanContext = {
  now: Date;
  actorRole: Role;
  /** Current non-zero balances of the SKU. */
  balances: readonly BalanceRow[];
  policy: { safetyStock: number; writeOffValue: string; countVarianceUnits: number; fences: Record<string, number> };
  costingMethod: "fifo" | "average" | "standard";
  /** Best current estimate of one unit's cost, for approval thresholds. */
  unitCostEstimate: string | null;
  po: PoDocument | null;
  orderLine: OrderLineDocument | null;
  /** True when an approved request is being posted. */
  approved: boolean;
};

export type NewDocument = {
  kind: "po" | "order_line" | "transfer";
  ref: string;
  location: string;
  channel?: string;
  eta?: Date;
  fob?: string;
  unitCost?: string;
  party?: string;
};

export type Approval = { permission: Permission; qty: number | null; amount: string | null; summary: string };

export type Plan = {
  type: EventType;
  legs: Leg[];
  /** Facts kept on the ledger row beside the move (unit cost, count result, …). */
  data: Record<string, unknown>;
  document?: NewDocument;
  /** Set when the event may only be posted once someone approves it. */
  approval?: Approval;
};

type PlannableInput = Exclude<EventInput, { type: "reverse" }>;

const MAX_FUTURE_MS = 5 * 60 * 1000;

export function planEvent(input: PlannableInput, ctx: PlanContext): Plan {
  const rule = EVENT_RULES[input.type];
  if (!can(ctx.actorRole, rule.permission)) {
    throw new DomainError("forbidden", `The ${ctx.actorRole} role may not post '${input.type}' (${rule.label}).`);
  }
  const occurredAt = "occurredAt" in input && input.occurredAt ? input.occurredAt : ctx.now;
  if (occurredAt.getTime() > ctx.now.getTime() + MAX_FUTURE_MS) {
    throw new DomainError("invalid_input", "An event cannot be dated in the future.", { occurredAt: ["is in the future"] });
  }
  const plan = PLANNERS[input.type](input as never, ctx);
  for (const leg of plan.legs) {
    if (!isAllowedMove(input.type, leg.from.state, leg.to.state)) {
      // A planner bug, never user input: the table of §3 is the last word.
      throw new Error(`planner produced ${leg.from.state} → ${leg.to.state} for ${input.type}`);
    }
  }
  return plan;
}

type Planner<T extends PlannableInput["type"]> = (input: Extract<PlannableInput, { type: T }>, ctx: PlanContext) => Plan;

/** Takes qty from the matching positions, fullest first, so one event may span bins. */
export function takeFrom(ctx: PlanContext, match: Match, qty: number, describe: string): { from: Position; qty: number }[] {
  const candidates = ctx.balances
    .filter((row) => row.qty > 0 && sumQty([row], match) > 0)
    .sort((a, b) => b.qty - a.qty || a.bin.localeCompare(b.bin));
  const total = candidates.reduce((sum, row) => sum + row.qty, 0);
  if (total < qty) {
    if (total === 0 && match.doc) {
      const elsewhere = ctx.balances.filter((row) => row.doc === match.doc && row.qty > 0 && row.state !== match.state);
      if (elsewhere.length) {
        const where = elsewhere.map((row) => `${row.qty} ${row.state}`).join(", ");
        throw new DomainError(
          "illegal_transition",
          `${describe} has nothing in ${match.state} (it has ${where}); that move is not allowed from there.`,
        );
      }
    }
    throw new DomainError("insufficient_quantity", `${describe}: ${total} in ${match.state}, ${qty} requested.`);
  }
  const taken: { from: Position; qty: number }[] = [];
  let left = qty;
  for (const row of candidates) {
    if (left === 0) break;
    const part = Math.min(left, row.qty);
    taken.push({ from: position(row.location, row.state, row), qty: part });
    left -= part;
  }
  return taken;
}

function where(input: { location: string; bin?: string }): string {
  return input.bin ? `${input.location} bin ${input.bin}` : input.location;
}

/** Moves units to `to`, keeping each source's bin unless a target bin is named. */
function moveAll(sources: { from: Position; qty: number }[], to: (from: Position) => Position): Leg[] {
  return sources.map(({ from, qty }) => ({ from, to: to(from), qty }));
}

function requirePo(ctx: PlanContext, ref: string, location: string): PoDocument {
  if (!ctx.po) throw new DomainError("not_found", `No purchase order ${ref} for this SKU.`);
  if (ctx.po.location !== location) {
    throw new DomainError("invalid_input", `PO ${ref} is due at ${ctx.po.location}, not ${location}.`, { location: [`expected ${ctx.po.location}`] });
  }
  return ctx.po;
}

function requireOrderLine(ctx: PlanContext, orderLine: string, location: string): OrderLineDocument {
  if (!ctx.orderLine) throw new DomainError("not_found", `No order line ${orderLine} for this SKU.`);
  if (ctx.orderLine.location !== location) {
    throw new DomainError("invalid_input", `Order line ${orderLine} is held at ${ctx.orderLine.location}, not ${location}.`, {
      location: [`expected ${ctx.orderLine.location}`],
    });
  }
  return ctx.orderLine;
}

/** Moves along one order line from one committed state to the next. */
type StepInput = { type: EventType; qty: number; location: string; bin?: string };

function orderLineStep(from: State, to: State): (input: StepInput & { orderLine: string; toBin?: string }, ctx: PlanContext) => Plan {
  return (input, ctx) => {
    const line = requireOrderLine(ctx, input.orderLine, input.location);
    const sources = takeFrom(ctx, { location: input.location, state: from, doc: input.orderLine, bin: input.bin }, input.qty, `Order line ${input.orderLine}`);
    const legs = moveAll(sources, (src) =>
      position(input.location, to, { bin: input.toBin ?? src.bin, doc: input.orderLine, channel: line.channel }),
    );
    return { type: input.type, legs, data: { orderLine: input.orderLine, channel: line.channel } };
  };
}

/** A move within one location from one state to another, bins kept. */
function simpleStep(from: State, to: State, doc?: string): (input: StepInput, ctx: PlanContext) => Plan {
  return (input, ctx) => {
    const sources = takeFrom(ctx, { location: input.location, state: from, bin: input.bin, doc }, input.qty, where(input));
    return { type: input.type, legs: moveAll(sources, (src) => position(input.location, to, { bin: src.bin })), data: {} };
  };
}

const PLANNERS: { [T in PlannableInput["type"]]: Planner<T> } = {
  "po.confirm": (input, ctx) => {
    if (ctx.po) throw new DomainError("conflict", `PO ${input.reference} already has a line for this SKU; use another PO reference.`);
    return {
      type: input.type,
      legs: [{ from: position(input.location, "SUPPLIER"), to: position(input.location, "ON_ORDER", { doc: input.reference }), qty: input.qty }],
      data: { unitCost: input.unitCost, eta: input.eta.toISOString(), fob: input.fob, supplier: input.supplier },
      document: { kind: "po", ref: input.reference, location: input.location, eta: input.eta, fob: input.fob, unitCost: input.unitCost, party: input.supplier },
    };
  },
  "po.ship": (input, ctx) => {
    requirePo(ctx, input.reference, input.location);
    const sources = takeFrom(ctx, { location: input.location, state: "ON_ORDER", doc: input.reference }, input.qty, `PO ${input.reference}`);
    return {
      type: input.type,
      legs: moveAll(sources, () => position(input.location, "INBOUND_TRANSIT", { doc: input.reference })),
      data: input.eta ? { eta: input.eta.toISOString() } : {},
    };
  },
  receive: (input, ctx) => {
    const po = requirePo(ctx, input.reference, input.location);
    const inTransit = sumQty(ctx.balances, { location: input.location, state: "INBOUND_TRANSIT", doc: input.reference });
    const fromTransit = Math.min(inTransit, input.qty);
    const sources = [
      ...(fromTransit > 0 ? takeFrom(ctx, { location: input.location, state: "INBOUND_TRANSIT", doc: input.reference }, fromTransit, `PO ${input.reference}`) : []),
      ...(input.qty > fromTransit
        ? takeFrom(ctx, { location: input.location, state: "ON_ORDER", doc: input.reference }, input.qty - fromTransit, `PO ${input.reference} (open on order)`)
        : []),
    ];
    return {
      type: input.type,
      legs: moveAll(sources, () => position(input.location, "RECEIVING", { bin: input.bin })),
      data: { unitCost: po.unitCost, fob: po.fob },
    };
  },
  inspect: (input, ctx) => {
    const to: State = input.result === "pass" ? "AVAILABLE" : input.result === "reject" ? "REJECTED" : "QUALITY_HOLD";
    return { ...simpleStep("RECEIVING", to)(input, ctx), data: { result: input.result } };
  },
  "vendor.return": simpleStep("REJECTED", "SUPPLIER"),
  reserve: (input, ctx) => {
    if (ctx.orderLine && (ctx.orderLine.channel !== input.channel || ctx.orderLine.location !== input.location)) {
      throw new DomainError(
        "conflict",
        `Order line ${input.orderLine} belongs to channel ${ctx.orderLine.channel} at ${ctx.orderLine.location}.`,
      );
    }
    const atp = atpToday(atpInputAt(ctx.balances, input.location, ctx.policy), input.channel);
    if (input.qty > atp) {
      throw new DomainError(
        "insufficient_quantity",
        `Only ${Math.max(atp, 0)} can be promised on ${input.channel} at ${input.location} today (after safety stock and other channels' allocations); ${input.qty} requested.`,
      );
    }
    const sources = takeFrom(ctx, { location: input.location, state: "AVAILABLE", bin: input.bin }, input.qty, where(input));
    return {
      type: input.type,
      legs: moveAll(sources, (src) => position(input.location, "RESERVED", { bin: src.bin, doc: input.orderLine, channel: input.channel })),
      data: { orderLine: input.orderLine, channel: input.channel },
      document: ctx.orderLine ? undefined : { kind: "order_line", ref: input.orderLine, location: input.location, channel: input.channel },
    };
  },
  release: (input, ctx) => {
    const line = requireOrderLine(ctx, input.orderLine, input.location);
    const sources = takeFrom(ctx, { location: input.location, state: "RESERVED", doc: input.orderLine, bin: input.bin }, input.qty, `Order line ${input.orderLine}`);
    return {
      type: input.type,
      legs: moveAll(sources, (src) => position(input.location, "AVAILABLE", { bin: src.bin })),
      data: { orderLine: input.orderLine, channel: line.channel },
    };
  },
  pick: orderLineStep("RESERVED", "PICKED"),
  pack: orderLineStep("PICKED", "PACKED"),
  ship: (input, ctx) => {
    const line = requireOrderLine(ctx, input.orderLine, input.location);
    const to: State = input.fob === "destination" ? "OUTBOUND_TRANSIT" : "CUSTOMER";
    const sources = takeFrom(ctx, { location: input.location, state: "PACKED", doc: input.orderLine, bin: input.bin }, input.qty, `Order line ${input.orderLine}`);
    return {
      type: input.type,
      legs: moveAll(sources, () => position(input.location, to, { doc: input.orderLine, channel: line.channel })),
      data: { orderLine: input.orderLine, channel: line.channel, fob: input.fob },
    };
  },
  deliver: orderLineStep("OUTBOUND_TRANSIT", "CUSTOMER"),
  "return.receive": (input) => ({
    type: input.type,
    legs: [{ from: position(input.location, "CUSTOMER"), to: position(input.location, "RETURN_QC", { bin: input.bin, doc: input.rma }), qty: input.qty }],
    data: { rma: input.rma, ...(input.orderLine ? { orderLine: input.orderLine } : {}) },
  }),
  "return.inspect": (input, ctx) => {
    const to: State = input.result === "restock" ? "AVAILABLE" : "DAMAGED";
    return { ...simpleStep("RETURN_QC", to, input.rma)(input, ctx), data: { rma: input.rma, result: input.result } };
  },
  hold: simpleStep("AVAILABLE", "QUALITY_HOLD"),
  "hold.release": (input, ctx) => ({
    ...simpleStep("QUALITY_HOLD", "AVAILABLE")(input, ctx),
    approval: { permission: "hold.approve", qty: input.qty, amount: null, summary: `Release ${input.qty} from quality hold at ${where(input)}` },
  }),
  damage: (input, ctx) => {
    const committed = input.fromState !== "AVAILABLE";
    if (committed && !input.orderLine) {
      throw new DomainError("invalid_input", `Damage from ${input.fromState} names the order line.`, { orderLine: ["required"] });
    }
    const doc = committed ? input.orderLine : undefined;
    const sources = takeFrom(ctx, { location: input.location, state: input.fromState, bin: input.bin, doc }, input.qty, doc ? `Order line ${doc}` : where(input));
    return {
      type: input.type,
      legs: moveAll(sources, (src) => position(input.location, "DAMAGED", { bin: src.bin })),
      data: { fromState: input.fromState, ...(doc ? { orderLine: doc } : {}) },
    };
  },
  writeoff: (input, ctx) => {
    const plan = simpleStep("DAMAGED", "SCRAP")(input, ctx);
    const amount = ctx.unitCostEstimate === null ? null : extend(input.qty, ctx.unitCostEstimate);
    const belowThreshold = amount !== null && compareAmounts(amount, ctx.policy.writeOffValue) < 0;
    const postsAtOnce = can(ctx.actorRole, "writeoff.approve") && belowThreshold;
    return {
      ...plan,
      data: amount === null ? {} : { estimatedValue: amount },
      approval: postsAtOnce
        ? undefined
        : { permission: "writeoff.approve", qty: input.qty, amount, summary: `Write off ${input.qty} damaged at ${where(input)}` },
    };
  },
  "transfer.ship": (input, ctx) => {
    const ref = input.transfer ?? input.reference;
    if (!ref) throw new DomainError("invalid_input", "A transfer needs its id.", { transfer: ["required (or reference)"] });
    if (input.toLocation === input.location) {
      throw new DomainError("invalid_input", "A transfer goes to another location.", { toLocation: ["must differ from location"] });
    }
    const sources = takeFrom(ctx, { location: input.location, state: "AVAILABLE", bin: input.bin }, input.qty, where(input));
    return {
      type: input.type,
      legs: moveAll(sources, () => position(input.toLocation, "TRANSFER_TRANSIT", { doc: ref })),
      data: { transfer: ref, fromLocation: input.location, toLocation: input.toLocation },
      document: { kind: "transfer", ref, location: input.toLocation, party: input.location },
    };
  },
  "transfer.receive": (input, ctx) => {
    const ref = input.transfer ?? input.reference;
    if (!ref) throw new DomainError("invalid_input", "Say which transfer arrived.", { transfer: ["required (or reference)"] });
    const sources = takeFrom(ctx, { location: input.location, state: "TRANSFER_TRANSIT", doc: ref }, input.qty, `Transfer ${ref} to ${input.location}`);
    return {
      type: input.type,
      legs: moveAll(sources, () => position(input.location, input.toState, { bin: input.bin })),
      data: { transfer: ref },
    };
  },
  count: (input, ctx) => {
    const bin = input.bin ?? "";
    const expected = PHYSICAL_STATES.reduce((total, state) => total + sumQty(ctx.balances, { location: input.location, state, bin }), 0);
    const variance = input.countedQty - expected;
    const data = { countedQty: input.countedQty, expected, variance, bin };
    if (variance === 0) return { type: input.type, legs: [], data };
    const legs: Leg[] =
      variance > 0
        ? [{ from: position(input.location, "COUNT_ADJUSTMENT"), to: position(input.location, "AVAILABLE", { bin }), qty: variance }]
        : moveAll(takeFrom(ctx, { location: input.location, state: "AVAILABLE", bin }, -variance, `${where(input)} (the rest of the bin is committed or held)`), () =>
            position(input.location, "COUNT_ADJUSTMENT"),
          );
    const beyondTolerance = Math.abs(variance) > ctx.policy.countVarianceUnits;
    return {
      type: input.type,
      legs,
      data,
      approval: beyondTolerance
        ? { permission: "count.approve", qty: variance, amount: null, summary: `Count at ${where(input)}: ${input.countedQty} counted, ${expected} expected (${variance > 0 ? "+" : ""}${variance})` }
        : undefined,
    };
  },
  dropship: (input) => ({
    type: input.type,
    legs: [{ from: position(input.location, "SUPPLIER"), to: position(input.location, "CUSTOMER"), qty: input.qty }],
    data: { unitCost: input.unitCost, channel: input.channel, orderLine: input.orderLine },
  }),
  "invoice.match": (input, ctx) => {
    const po = requirePo(ctx, input.reference, input.location);
    return { type: input.type, legs: [], data: { qty: input.qty, unitCost: input.unitCost, poUnitCost: po.unitCost } };
  },
  "cost.change": (input, ctx) => {
    if (ctx.costingMethod !== "standard") {
      throw new DomainError("invalid_input", `This SKU is costed by ${ctx.costingMethod}; only standard-cost SKUs have a standard cost to change.`, {
        standardCost: ["SKU is not standard-costed"],
      });
    }
    return {
      type: input.type,
      legs: [],
      data: { standardCost: input.standardCost, previous: ctx.unitCostEstimate },
      approval: {
        permission: "cost.approve",
        qty: null,
        amount: null,
        summary: `Standard cost ${ctx.unitCostEstimate === null ? "—" : formatMoney(ctx.unitCostEstimate)} → ${formatMoney(input.standardCost)}`,
      },
    };
  },
  "period.close": (input, ctx) => ({ type: input.type, legs: [], data: { period: input.period }, ...checkClosable(input.period, ctx.now) }),
};

function checkClosable(period: string, now: Date): Record<string, never> {
  const [year, month] = period.split("-").map(Number);
  if (Date.UTC(year, month, 1) > now.getTime()) {
    throw new DomainError("invalid_input", `Period ${period} has not ended yet.`, { period: ["has not ended"] });
  }
  return {};
}

/** The legs that undo a posted move. */
export function reverseLegs(legs: readonly Leg[]): Leg[] {
  return legs.map((leg) => ({ from: leg.to, to: leg.from, qty: leg.qty }));
}

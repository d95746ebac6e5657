// What every part of the simulated business shares: the ledger mirror each decision
// is taken against, the agenda, the one random stream (so the order of draws, and so
// the history, stays fixed for a seed), and what has been promised but not yet
// posted: stock already claimed by a request, decisions still to come.
import { atpInputAt, atpToday } from "../../lib/domain/atp.ts";
import { Agenda, DAY, startOfDay } from "./calendar.ts";
import { EAST, SKU_PLANS, SUPPLIERS, type Loc, type Person, type SkuPlan, type SupplierKey } from "./cast.ts";
import type { Fob, OrderLine } from "./channels.ts";
import type { Ledger, RawInput } from "./ledger.ts";
import { key, planDemand, planPolicies, type FenceRow, type Policy, type PolicyRow, type Reorder } from "./plans.ts";
import { Random } from "./random.ts";

export type PoLine = { sku: string; qty: number; unitCost: string };
export type Po = { ref: string; supplier: SupplierKey; location: Loc; fob: Fob; eta: number; lines: PoLine[]; opening: boolean; buyer: Person };

export type HistoryReport = {
  orders: number;
  lostLines: number;
  purchaseOrders: number;
  transfers: number;
  /** Supplier invoice lines matched. */
  invoices: number;
  closedPeriods: string[];
  warnings: string[];
};

export const money = (value: number) => value.toFixed(2);

export class Sim {
  readonly agenda = new Agenda();
  readonly report: HistoryReport = { orders: 0, lostLines: 0, purchaseOrders: 0, transfers: 0, invoices: 0, closedPeriods: [], warnings: [] };
  readonly rng: Random;
  readonly start: number;
  readonly end: number;

  readonly policies: PolicyRow[];
  readonly fences: FenceRow[];
  readonly policy: Map<string, Policy>;
  readonly reorder: Map<string, Reorder>;
  private readonly demand: Map<string, number>;
  private readonly plans = new Map(SKU_PLANS.map((plan) => [plan.code, plan]));
  private readonly numbers = new Map<string, number>();

  readonly purchaseOrders: Po[] = [];
  readonly orderLines: OrderLine[] = [];
  /** DAMAGED units already asked to be written off (pending) or kept for refurbishment (rejected). */
  readonly damagedClaimed = new Map<string, number>();
  /** QUALITY_HOLD units with a release request pending. */
  readonly holdClaimed = new Map<string, number>();
  /** Requests someone will decide later in the story; the rest stay pending when the demo starts. */
  readonly decisionScheduled = new Set<string>();
  readonly rejectWriteoffAfter: number;
  rejectedWriteoff = false;

  constructor(
    readonly ledger: Ledger,
    options: { days: number; seed: number },
  ) {
    this.rng = new Random(options.seed);
    this.end = ledger.now.getTime();
    this.start = startOfDay(this.end) - options.days * DAY;
    this.rejectWriteoffAfter = this.start + Math.round(options.days * 0.4) * DAY;
    const policies = planPolicies(this.rng.fork(1));
    this.policy = policies.policy;
    this.policies = policies.policies;
    this.fences = policies.fences;
    const demand = planDemand(this.policy);
    this.demand = demand.demand;
    this.reorder = demand.reorder;
  }

  next(prefix: string, first: number, width = 4): string {
    const n = (this.numbers.get(prefix) ?? first) + 1;
    this.numbers.set(prefix, n);
    return `${prefix}${String(n).padStart(width, "0")}`;
  }

  plan(sku: string): SkuPlan {
    const plan = this.plans.get(sku);
    if (!plan) throw new Error(`no plan for ${sku}`);
    return plan;
  }

  post(actor: Person, raw: RawInput, at: number) {
    return this.ledger.post({ id: actor.id, role: actor.role }, raw, at);
  }

  q(sku: string, location: string, state: Parameters<Ledger["qty"]>[1]["state"], extra: { bin?: string; doc?: string } = {}) {
    return this.ledger.qty(sku, { location, state, ...extra });
  }

  atp(sku: string, location: Loc, channel: string): number {
    const policy = this.policy.get(key(sku, location))!;
    return atpToday(atpInputAt(this.ledger.rows(sku), location, policy), channel);
  }

  /** What the East warehouse can send away without starving its own orders. */
  eastSpare(sku: string): number {
    const policy = this.policy.get(key(sku, EAST))!;
    const fences = Object.values(policy.fences).reduce((a, b) => a + b, 0);
    return this.q(sku, EAST, "AVAILABLE") - policy.safetyStock - fences - Math.ceil(this.demandAt(sku, EAST) * 6);
  }

  private demandAt(sku: string, location: string): number {
    return this.demand.get(key(sku, location)) ?? 0;
  }

  trend(at: number): number {
    const progress = (at - this.start) / (this.end - this.start);
    const holidayRush = this.end - at < 6 * DAY ? 1.5 : 1;
    return (0.85 + 0.35 * progress) * holidayRush;
  }

  /** The costs a supplier quotes: around the catalogue's base cost, never more than ±10% away. */
  quote(sku: SkuPlan, supplier: SupplierKey, rng: Random): string {
    const drift = SUPPLIERS[supplier].bias + rng.between(-0.035, 0.035);
    return money(sku.baseCost * (1 + Math.max(-0.1, Math.min(0.1, drift))));
  }
}

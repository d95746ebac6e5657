// The demo history's only way into the ledger: `postEvent`, `approve` and `reject`
// from lib/server/ledger, exactly as the API calls them. Keeps a mirror of every
// SKU's balances, built from what postEvent answered, so the generator can ask
// "how much is where" without querying, and counts what it did.
import { register } from "node:module";
import type pg from "pg";
import type { z } from "zod";
import type { Db } from "../../lib/server/sql.ts";
import type { Actor, PostResult, PostedEvent } from "../../lib/server/ledger/post-event.ts";
import type { ApprovalView } from "../../lib/server/ledger/approval-store.ts";
import { EventInputSchema } from "../../lib/domain/event-input.ts";
import { applyLegs, position, sumQty, type BalanceRow, type Leg, type Match } from "../../lib/domain/positions.ts";
import { isState } from "../../lib/domain/states.ts";

export type RawInput = z.input<typeof EventInputSchema>;

type LedgerModules = {
  postEvent: typeof import("../../lib/server/ledger/post-event.ts").postEvent;
  approve: typeof import("../../lib/server/ledger/approvals.ts").approve;
  reject: typeof import("../../lib/server/ledger/approvals.ts").reject;
  clientDb: typeof import("../../lib/server/sql.ts").clientDb;
  recordLostDemand: typeof import("../../lib/server/ledger/lost-demand.ts").recordLostDemand;
};

let serverOnlyAllowed = false;

/**
 * The ledger modules import "server-only", which throws outside React's server build
 * (the `react-server` export condition). A seed run by plain `tsx` is server code all
 * the same, so "server-only" resolves to an empty module here, as it does under Vitest.
 */
function allowServerOnly() {
  if (serverOnlyAllowed) return;
  serverOnlyAllowed = true;
  const hooks = `export async function resolve(specifier, context, next) {
    if (specifier === "server-only") return { url: "data:text/javascript,export{}", shortCircuit: true };
    return next(specifier, context);
  }`;
  register(`data:text/javascript,${encodeURIComponent(hooks)}`);
}

export async function loadLedgerModules(): Promise<LedgerModules> {
  allowServerOnly();
  const [posting, approvals, sql, lost] = await Promise.all([
    import("../../lib/server/ledger/post-event.ts"),
    import("../../lib/server/ledger/approvals.ts"),
    import("../../lib/server/sql.ts"),
    import("../../lib/server/ledger/lost-demand.ts"),
  ]);
  return { postEvent: posting.postEvent, approve: approvals.approve, reject: approvals.reject, clientDb: sql.clientDb, recordLostDemand: lost.recordLostDemand };
}


/** Runs `work` in one transaction on the connection. */
export async function inTransaction(client: pg.Client, db: Db, work: (db: Db) => Promise<void>): Promise<void> {
  await client.query("BEGIN");
  try {
    await work(db);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

export type PendingApproval = { id: string; type: string; sku: string; location: string; qty: number; requester: Actor; requestedAt: number };

function legOf(event: PostedEvent): Leg | null {
  if (!event.from || !event.to || !isState(event.from.state) || !isState(event.to.state)) return null;
  const channel = event.channel ?? "";
  return {
    from: position(event.from.location, event.from.state, { bin: event.from.bin, doc: event.from.doc, channel }),
    to: position(event.to.location, event.to.state, { bin: event.to.bin, doc: event.to.doc, channel }),
    qty: event.qty,
  };
}

function isDomainError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && error.name === "DomainError" && typeof (error as { code?: unknown }).code === "string";
}

export class Ledger {
  tx: Db | null = null;
  /** Ledger rows written (one per leg, memos count one). */
  rowsWritten = 0;
  readonly posted = new Map<string, number>();
  readonly skipped: { type: string; sku: string; message: string }[] = [];
  readonly approvals = { requested: new Map<string, number>(), approved: new Map<string, number>(), rejected: new Map<string, number>() };
  readonly pending = new Map<string, PendingApproval>();
  private readonly books = new Map<string, BalanceRow[]>();
  private last = 0;

  constructor(
    private readonly modules: LedgerModules,
    readonly now: Date,
  ) {}

  rows(sku: string): readonly BalanceRow[] {
    return this.books.get(sku) ?? [];
  }

  qty(sku: string, match: Match): number {
    return sumQty(this.rows(sku), match);
  }

  /**
   * Posts one event dated `at` (kept in order and never later than now). Returns
   * null only when the planner refused for lack of stock, which is counted.
   */
  async post(actor: Actor, raw: RawInput, at: number): Promise<PostResult | null> {
    const stamped = { ...raw, occurredAt: new Date(this.stamp(at)).toISOString() } as RawInput;
    const input = EventInputSchema.parse(stamped);
    const sku = "sku" in input ? input.sku : "";
    try {
      const result = await this.modules.postEvent(this.requireTx(), actor, input, { now: this.now, at: new Date(stamped.occurredAt as string) });
      if (result.kind === "posted") {
        this.apply(sku, result);
        this.bump(this.posted, input.type);
      } else {
        this.bump(this.approvals.requested, input.type);
        const location = "location" in input && input.location ? input.location : "";
        const qty = "qty" in input ? input.qty : 0;
        this.pending.set(result.approval.id, { id: result.approval.id, type: input.type, sku, location, qty, requester: actor, requestedAt: at });
      }
      return result;
    } catch (error) {
      if (isDomainError(error) && error.code === "insufficient_quantity") {
        this.skipped.push({ type: input.type, sku, message: error.message });
        return null;
      }
      throw new Error(`demo history: ${input.type} ${sku} at ${stamped.occurredAt} failed: ${(error as Error).message}`, { cause: error });
    }
  }

  /** A line no site could promise: kept as lost demand, as a refused reservation is. */
  async lostDemand(actor: Actor, line: { sku: string; qty: number; location: string; channel: string; orderLine: string }, at: number): Promise<void> {
    const input = EventInputSchema.parse({ type: "reserve", ...line, occurredAt: new Date(this.stamp(at)).toISOString() });
    if (input.type === "reserve") await this.modules.recordLostDemand(this.requireTx(), actor, input);
  }

  /** Decisions carry the business time they were taken at. */
  async approve(decider: Actor, id: string, note: string, at: number): Promise<ApprovalView> {
    const request = this.requirePending(id);
    const { approval, result } = await this.modules.approve(this.requireTx(), decider, id, { note, now: this.now, at: new Date(this.stamp(at)) });
    if (result.kind === "posted") {
      this.apply(request.sku, result);
      this.bump(this.posted, request.type);
    }
    this.pending.delete(id);
    this.bump(this.approvals.approved, request.type);
    return approval;
  }

  async reject(decider: Actor, id: string, note: string, at: number): Promise<ApprovalView> {
    const request = this.requirePending(id);
    const approval = await this.modules.reject(this.requireTx(), decider, id, { note, at: new Date(this.stamp(at)) });
    this.pending.delete(id);
    this.bump(this.approvals.rejected, request.type);
    return approval;
  }

  private requirePending(id: string): PendingApproval {
    const request = this.pending.get(id);
    if (!request) throw new Error(`demo history: approval ${id} is not pending`);
    return request;
  }

  private requireTx(): Db {
    if (!this.tx) throw new Error("demo history: no open transaction");
    return this.tx;
  }

  /** Business time only moves forward, one second at least between events, never past now. */
  private stamp(at: number): number {
    const next = Math.min(Math.max(at, this.last + 1000), this.now.getTime());
    this.last = next;
    return next;
  }

  private apply(sku: string, result: Extract<PostResult, { kind: "posted" }>) {
    this.rowsWritten += result.events.length;
    const legs = result.events.map(legOf).filter((leg): leg is Leg => leg !== null);
    if (!legs.length) return;
    this.books.set(sku, applyLegs(this.rows(sku), legs).filter((row) => row.qty !== 0));
  }

  private bump(map: Map<string, number>, key: string) {
    map.set(key, (map.get(key) ?? 0) + 1);
  }
}

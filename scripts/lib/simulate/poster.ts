// Every event of the simulation goes through here, into the domain service as the
// API sends it (submitEvent with an idempotency key; decide for approvals). A
// refusal is an answer like any other: counted by code, never an error. Anything
// else thrown is a failure of the system under test and stops the run.
import type { z } from "zod";
import { EventInputSchema } from "../../../lib/domain/event-input.ts";
import { isDomainError } from "../../../lib/domain/errors.ts";
import type { BalanceRow } from "../../../lib/domain/positions.ts";
import type { Person } from "../../../prisma/demo-history/cast.ts";
import type { Server } from "./server.ts";

export type RawEvent = z.input<typeof EventInputSchema>;

export type Outcome =
  | { kind: "posted"; group: string; balances: BalanceRow[] }
  | { kind: "approval"; id: string }
  | { kind: "refused"; code: string; message: string };

type Tally = { count: number; ms: number };

export class Poster {
  /** Event groups posted (an approved request counts when its decision posts it). */
  posted = 0;
  /** Ledger rows those groups wrote. */
  rows = 0;
  refused = 0;
  readonly approvals = { requested: 0, approved: 0, rejected: 0 };
  /** Posted groups and the service time they took, by event type: where the time goes. */
  readonly byType = new Map<string, Tally>();
  /** Refusals by event type and code. */
  readonly refusals = new Map<string, number>();
  private keys = 0;

  constructor(
    private readonly server: Server,
    private readonly runId: string,
  ) {}

  async post(person: Person, raw: RawEvent, at: number): Promise<Outcome> {
    const body = { ...raw, occurredAt: new Date(at).toISOString() };
    const input = EventInputSchema.parse(body);
    const began = performance.now();
    try {
      const stored = await this.server.submitEvent({ id: person.id, role: person.role }, input, `sim-${this.runId}-${++this.keys}`, body);
      const answer = stored.body;
      if ("approval" in answer) {
        this.approvals.requested += 1;
        this.tally(`${input.type} (request)`, began);
        return { kind: "approval", id: answer.approval.id };
      }
      this.posted += 1;
      this.rows += answer.events.length;
      this.tally(input.type, began);
      return { kind: "posted", group: answer.group, balances: answer.balances };
    } catch (error) {
      return this.refusal(input.type, error, () => `${input.type} ${"sku" in input ? input.sku : ""} at ${body.occurredAt}`);
    }
  }

  async decide(person: Person, id: string, decision: "approve" | "reject", note: string, type: string): Promise<Outcome> {
    const began = performance.now();
    try {
      const answer = await this.server.decide({ id: person.id, role: person.role }, id, decision, note);
      if (decision === "reject") {
        this.approvals.rejected += 1;
        this.tally("(reject)", began);
        return { kind: "approval", id };
      }
      this.approvals.approved += 1;
      if (!("group" in answer) || !answer.group) {
        this.tally("(approve)", began);
        return { kind: "approval", id };
      }
      this.posted += 1;
      this.rows += answer.events?.length ?? 0;
      this.tally(`${type} (approved)`, began);
      return { kind: "posted", group: answer.group, balances: answer.balances ?? [] };
    } catch (error) {
      return this.refusal(`${decision} ${type}`, error, () => `${decision} of ${type} request ${id}`);
    }
  }

  private refusal(type: string, error: unknown, what: () => string): Outcome {
    if (!isDomainError(error)) throw new Error(`simulate: ${what()} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    this.refused += 1;
    const key = `${type}: ${error.code}`;
    this.refusals.set(key, (this.refusals.get(key) ?? 0) + 1);
    return { kind: "refused", code: error.code, message: error.message };
  }

  private tally(type: string, began: number) {
    const tally = this.byType.get(type) ?? { count: 0, ms: 0 };
    tally.count += 1;
    tally.ms += performance.now() - began;
    this.byType.set(type, tally);
  }
}

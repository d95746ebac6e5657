import "server-only";
import { DomainError, isDomainError } from "@/lib/domain/errors";
import type { EventInput } from "@/lib/domain/event-input";
import { parseEvent } from "@/lib/server/ledger/parse-event";
import { assertStorable } from "@/lib/domain/nul";

export const MAX_BATCH_EVENTS = 1_000;

/** A batch refused because of one of its events: the event's index and its own error. */
export class BatchRefusal extends Error {
  constructor(
    readonly index: number,
    readonly cause: unknown,
  ) {
    super(`events[${index}] was refused`);
    this.name = "BatchRefusal";
  }
}

/** Runs `check` for the event at `index`, naming the index if it refuses. */
export function atIndex<T>(index: number, check: () => T): T {
  try {
    return check();
  } catch (error) {
    throw new BatchRefusal(index, error);
  }
}

/**
 * Body → the batch's events, every one parsed before any work: a malformed event
 * is refused with its index before a connection, a key or a lock is taken.
 */
export type BatchEvent = Exclude<EventInput, { type: "period.close" }>;

export function parseBatch(body: unknown): BatchEvent[] {
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new DomainError("invalid_input", "Send a JSON object: { \"events\": [ ... ] }.", { body: ["must be an object with an events list"] });
  }
  const extra = Object.keys(body).filter((key) => key !== "events");
  if (extra.length) throw new DomainError("invalid_input", "The request has invalid fields.", Object.fromEntries(extra.map((key) => [key, ["is not a field of a batch"]])));
  const events = (body as { events?: unknown }).events;
  if (!Array.isArray(events)) throw new DomainError("invalid_input", "The request has invalid fields.", { events: ["must be a list of events"] });
  if (events.length === 0) throw new DomainError("invalid_input", "The batch is empty; send between 1 and 1,000 events.", { events: ["must hold at least one event"] });
  if (events.length > MAX_BATCH_EVENTS) {
    throw new DomainError("invalid_input", `A batch holds at most 1,000 events; this one holds ${events.length.toLocaleString("en")}. Split it into several batches.`, {
      events: ["must hold at most 1,000 events"],
    });
  }
  return events.map((event, index) =>
    atIndex(index, () => {
      assertStorable(event);
      const input = parseEvent(event);
      // A close values every SKU under the exclusive period lock: it is posted alone.
      if (input.type === "period.close") {
        throw new DomainError("invalid_input", "A period close cannot be part of a batch; post it on its own.", { type: ["period.close is posted alone"] });
      }
      return input;
    }),
  );
}

/** The problem+json fields that name the refused event: its index, and its field errors under `events[i]`. */
export function refusalDetail(refusal: BatchRefusal): { index: number; error: unknown; errors?: Record<string, string[]> } {
  const fields = isDomainError(refusal.cause) ? refusal.cause.fields : undefined;
  const errors = fields ? Object.fromEntries(Object.entries(fields).map(([key, value]) => [`events[${refusal.index}]${key === "body" ? "" : `.${key}`}`, value])) : undefined;
  return { index: refusal.index, error: refusal.cause, errors };
}

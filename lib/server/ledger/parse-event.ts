import "server-only";
import { DomainError } from "@/lib/domain/errors";
import { EventInputSchema, type EventInput } from "@/lib/domain/event-input";
import { EVENT_TYPES } from "@/lib/domain/event-types";
import { toDomainError } from "@/lib/server/api/problem";

const KNOWN = new Set<string>([...EVENT_TYPES, "reverse"]);

/** Body → event input; an unknown type is an illegal transition, not a typo in a field. */
export function parseEvent(body: unknown): EventInput {
  const type = body && typeof body === "object" && "type" in body ? (body as { type: unknown }).type : undefined;
  if (typeof type === "string" && !KNOWN.has(type)) {
    throw new DomainError("illegal_transition", `'${type}' is not a transition Concord knows. Known types: ${[...KNOWN].join(", ")}.`);
  }
  const parsed = EventInputSchema.safeParse(body);
  if (!parsed.success) throw toDomainError(parsed.error);
  return parsed.data;
}

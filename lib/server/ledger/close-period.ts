import "server-only";
import { sql, type Db } from "@/lib/server/sql";
import { DomainError } from "@/lib/domain/errors";
import type { EventInput } from "@/lib/domain/event-input";
import { checkClosable } from "@/lib/domain/periods";
import { checkNotFuture } from "@/lib/domain/plan";
import { loadRefs } from "./refs";
import { lockPeriods } from "./store";
import { writeGroup, type Posted } from "./write";
import type { Actor } from "./post-event";

/** Closing a month waits for in-flight events (the exclusive period lock) and freezes it. */
export async function closePeriod(tx: Db, actor: Actor, input: Extract<EventInput, { type: "period.close" }>, now: Date): Promise<Posted> {
  checkClosable(input.period, now);
  if (input.occurredAt) checkNotFuture(input.occurredAt, now);
  await lockPeriods(tx);
  const inserted = await tx.query<{ period: string }>(sql`
    INSERT INTO period (period, closed_by) VALUES (${input.period}, ${actor.id}::uuid) ON CONFLICT DO NOTHING RETURNING period`);
  if (!inserted.length) throw new DomainError("conflict", `Period ${input.period} is already closed.`);
  const plan = { type: input.type, legs: [], data: { period: input.period } };
  return writeGroup(tx, await loadRefs(tx), null, plan, { occurredAt: input.occurredAt ?? now, actorId: actor.id, reason: input.reason, qty: 0 });
}

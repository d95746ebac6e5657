import "server-only";
import { sql, transaction, type Db } from "@/lib/server/sql";
import type { EventInput } from "@/lib/domain/event-input";

/** Keeps a refused reservation as lost demand (nothing moved, so not in the ledger). */
export async function recordLostDemand(tx: Db, actor: { id: string }, input: Extract<EventInput, { type: "reserve" }>): Promise<void> {
  await tx.query(lostDemand(actor, input));
}

/** The same after the refused event's own transaction rolled back: in one of its own, a failure logged, not thrown. */
export async function keepLostDemand(actor: { id: string }, input: Extract<EventInput, { type: "reserve" }>): Promise<void> {
  await transaction((tx) => recordLostDemand(tx, actor, input)).catch((cause: unknown) => console.error("[ledger] lost demand not recorded", cause));
}

/** The statement that keeps it. */
export function lostDemand(actor: { id: string }, input: Extract<EventInput, { type: "reserve" }>) {
  return sql`
    INSERT INTO demand_refusal (sku_id, location_id, channel_id, qty, occurred_at, actor_id, order_line)
    SELECT s.id, l.id, c.id, ${input.qty}, ${input.occurredAt ?? new Date()}, ${actor.id}::uuid, ${input.orderLine}
      FROM sku s, location l, channel c
     WHERE s.code = ${input.sku} AND l.code = ${input.location} AND c.code = ${input.channel}`;
}

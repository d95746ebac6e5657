import "server-only";
import { sql, type Db } from "@/lib/server/sql";
import { DomainError } from "@/lib/domain/errors";
import type { EventInput } from "@/lib/domain/event-input";
import { checkClosable, periodEnd } from "@/lib/domain/periods";
import { checkNotFuture } from "@/lib/domain/plan";
import { valuationCte } from "@/lib/server/views/finance/valuation";
import { trialBalance } from "@/lib/server/views/finance/trial-balance";
import { loadRefs } from "./refs";
import { lockPeriods } from "./store";
import { writeGroup, type Posted } from "./write";
import type { Actor } from "./post-event";

/** How far a close has come: SKUs valued so far, of all. */
export type CloseProgress = (done: number, total: number) => void;

/**
 * Closing a month waits for in-flight events (the exclusive period lock), freezes
 * it, and stores what it closed on: the valuation at the month's end per SKU and
 * location, and the journal's trial balance up to then. Nothing dated into the
 * month can post after this commits, so the stored figures stay true.
 */
export async function closePeriod(
  tx: Db,
  actor: Actor,
  input: Extract<EventInput, { type: "period.close" }>,
  now: Date,
  onProgress?: CloseProgress,
): Promise<Posted> {
  checkClosable(input.period, now);
  if (input.occurredAt) checkNotFuture(input.occurredAt, now);
  await lockPeriods(tx);
  const inserted = await tx.query<{ period: string }>(sql`
    INSERT INTO period (period, closed_by, closed_at) VALUES (${input.period}, ${actor.id}::uuid, ${input.occurredAt ?? now})
    ON CONFLICT DO NOTHING RETURNING period`);
  if (!inserted.length) throw new DomainError("conflict", `Period ${input.period} is already closed.`);
  const refs = await loadRefs(tx);
  await storeClose(tx, input.period, onProgress);
  const plan = { type: input.type, legs: [], data: { period: input.period } };
  return writeGroup(tx, refs, null, plan, { occurredAt: input.occurredAt ?? now, actorId: actor.id, reason: input.reason, qty: 0 });
}

async function storeClose(tx: Db, period: string, onProgress?: CloseProgress) {
  const end = periodEnd(period);
  // Valuation reads "as of" inclusively; the month's last instant is a millisecond before the next begins.
  const lastInstant = new Date(end.getTime() - 1);
  // Whole months of the ledger and journal: planned afresh for this close's sizes, sequential scans allowed (see sql.ts).
  await Promise.all([tx.query(sql`SET LOCAL plan_cache_mode = force_custom_plan`), tx.query(sql`SET LOCAL enable_seqscan = on`)]);
  // Every SKU's month-end valuation in one statement, by the formula the valuation screens use.
  const [{ skus }] = await tx.query<{ skus: number }>(sql`SELECT count(DISTINCT sku_id)::int AS skus FROM ledger_event WHERE sku_id IS NOT NULL AND occurred_at < ${end}`);
  onProgress?.(0, skus);
  await tx.query(sql`
    WITH ${valuationCte(lastInstant)}
    INSERT INTO period_valuation (period, sku_id, location_id, owned, valued, value)
    SELECT ${period}, v.sku_id, v.location_id, v.owned, v.valued, v.value FROM valuation v WHERE v.owned <> 0 OR v.value <> 0`);
  onProgress?.(skus, skus);
  const balance = await trialBalance({ to: end }, tx);
  const sums = JSON.stringify(balance.rows.map((row) => ({ account: row.account, debit: row.debit, credit: row.credit })));
  await tx.query(sql`
    INSERT INTO period_trial_balance (period, account, debit, credit)
    SELECT ${period}, x.account, x.debit, x.credit FROM jsonb_to_recordset(${sums}::jsonb) AS x(account text, debit numeric, credit numeric)`);
}

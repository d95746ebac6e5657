import "server-only";
import { db as pooled, type Db } from "@/lib/server/sql";
import { periodOf } from "@/lib/domain/periods";
import { memo } from "./memo";
import { adjustments } from "./overview/adjustments";
import { closeStatus } from "./overview/close";
import { lastClose } from "./overview/last-close";
import { traceability } from "./overview/traceability";
import type { Overview } from "./overview/types";

/**
 * The home dashboard's figures (every role): traceability, the last close, manual
 * adjustments. Independent reads run together; each checks the whole ledger, so
 * each answer is kept while nothing is written (memo.ts).
 */
export async function overview(options: { page?: number; now?: Date } = {}, db: Db = pooled): Promise<Overview> {
  const close = await lastClose(db);
  const closeKey = close && { period: close.period, closedAt: close.closedAt.toISOString() };
  const now = options.now ?? new Date();
  const [trace, status, adjusted] = await Promise.all([
    memo(db, ["overview.traceability", closeKey, options.page ?? 1], () => traceability(db, close, options.page)),
    close ? memo(db, ["overview.close", closeKey], () => closeStatus(db, close)) : Promise.resolve(null),
    // Adjustments are this month's and last: the month is all of "now" they depend on.
    memo(db, ["overview.adjustments", periodOf(now)], () => adjustments(db, now)),
  ]);
  return { traceability: trace, close: status, adjustments: adjusted, asOf: (options.now ?? new Date()).toISOString() };
}

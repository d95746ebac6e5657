import "server-only";
import { db as pooled, type Db } from "@/lib/server/sql";
import { adjustments } from "./overview/adjustments";
import { closeStatus } from "./overview/close";
import { lastClose } from "./overview/last-close";
import { traceability } from "./overview/traceability";
import type { Overview } from "./overview/types";

/** The home dashboard's figures (every role): traceability, the last close, manual adjustments. Independent reads run together. */
export async function overview(options: { page?: number; now?: Date } = {}, db: Db = pooled): Promise<Overview> {
  const close = await lastClose(db);
  const [trace, status, adjusted] = await Promise.all([
    traceability(db, close, options.page),
    close ? closeStatus(db, close) : Promise.resolve(null),
    adjustments(db, options.now),
  ]);
  return { traceability: trace, close: status, adjustments: adjusted, asOf: (options.now ?? new Date()).toISOString() };
}

import { z } from "zod";
import { dayEnd, dayStart } from "@/lib/domain/periods";
import { asOfParam, dayParam } from "@/lib/server/api/query";
import { ACCOUNTS, type Account, type JournalFilter } from "@/lib/server/views/finance/types";

// `from` and `to` take a day (both ends included: to=2026-03-31 takes in the whole
// of that day) or an ISO time (to included, as asOf is). The views want instants,
// from inclusive and to exclusive.
const BOUND_MESSAGE = "must be a day such as 2026-03-14 or an ISO 8601 time with offset";
const isDay = (s: string) => dayParam.safeParse(s).success;
const fromOf = (s: string) => (isDay(s) ? dayStart(s) : new Date(s));
const toOf = (s: string) => (isDay(s) ? dayEnd(s) : new Date(new Date(s).getTime() + 1));
// The trial balance sums whole days up to the day after a bound, so that day must exist:
// a bound ends before 9999-12-31 (beyond it the views would have to name year 10000).
const LAST_END = Date.UTC(9999, 11, 31);
const valid = (s: string) => dayParam.safeParse(s).success || asOfParam.safeParse(s).success;
const bound = z
  .string()
  .trim()
  .refine(valid, BOUND_MESSAGE)
  .refine((s) => !valid(s) || toOf(s).getTime() <= LAST_END, "must be before 9999-12-31");

export const RangeSchema = z
  .object({
    from: bound.optional(),
    to: bound.optional(),
    sku: z.string().trim().min(1).max(64).optional(),
  })
  .refine((q) => !q.from || !q.to || fromOf(q.from) < toOf(q.to), { path: ["to"], message: "must not be before from" });

export const JournalQuerySchema = RangeSchema.and(
  z.object({
    account: z.enum(ACCOUNTS, { error: `must be one of ${ACCOUNTS.join(", ")}` }).optional(),
    page: z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").min(1, "must be 1 or more").max(1_000_000).optional(),
    limit: z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").min(1, "must be 1 or more").max(500, "must be 500 or less").optional(),
  }),
);

/** The parsed query as the views' filter. */
export function journalFilter(query: { from?: string; to?: string; sku?: string; account?: Account }): JournalFilter {
  return {
    from: query.from ? fromOf(query.from) : undefined,
    to: query.to ? toOf(query.to) : undefined,
    sku: query.sku?.toUpperCase(),
    account: query.account,
  };
}

import { z } from "zod";
import { dayEnd, dayStart } from "@/lib/domain/periods";
import { asOfParam, dayParam } from "@/lib/server/api/query";
import type { TraceFilter } from "@/lib/server/views/trace-types";

// `from` and `to` take a day (both ends included) or an ISO time (to included), as
// the journal's do; `after` / `before` are the seq cursors the previous page gave.
const BOUND_MESSAGE = "must be a day such as 2026-03-14 or an ISO 8601 time with offset";
const isDay = (s: string) => dayParam.safeParse(s).success;
const bound = z.string().trim().refine((s) => isDay(s) || asOfParam.safeParse(s).success, BOUND_MESSAGE);
const fromOf = (s: string) => (isDay(s) ? dayStart(s) : new Date(s));
const toOf = (s: string) => (isDay(s) ? dayEnd(s) : new Date(new Date(s).getTime() + 1));
// Digits only: a coerced number would read "" as 0 (an empty page) and "1e3" or "0x10" as seqs.
const cursor = z
  .string()
  .trim()
  .regex(/^-?[0-9]{1,16}$/, "must be a whole number")
  .transform(Number)
  .pipe(z.number().int().min(0, "must be 0 or more").max(Number.MAX_SAFE_INTEGER, "must be a ledger seq"));

export const TraceQuerySchema = z
  .object({
    reference: z.string().trim().min(1, "must not be empty").max(200, "must be 200 characters or fewer").optional(),
    from: bound.optional(),
    to: bound.optional(),
    after: cursor.optional(),
    before: cursor.optional(),
  })
  .refine((q) => !q.from || !q.to || fromOf(q.from) < toOf(q.to), { path: ["to"], message: "must not be before from" })
  .refine((q) => q.after === undefined || q.before === undefined, { path: ["before"], message: "pass either after or before, not both" });

export type TraceQuery = z.infer<typeof TraceQuerySchema>;

export function traceFilter(query: TraceQuery): TraceFilter {
  return {
    reference: query.reference,
    from: query.from ? fromOf(query.from) : undefined,
    to: query.to ? toOf(query.to) : undefined,
    after: query.after,
    before: query.before,
  };
}

import "server-only";
import { z } from "zod";
import { DomainError } from "@/lib/domain/errors";

// Query parameters and times shared by the v1 routes. PostgreSQL has no year 0
// (`0000-01-01` is out of range), so an ISO time in year 0 is refused as input
// here instead of failing in SQL.

const inRange = (date: Date) => date.getUTCFullYear() >= 1 && date.getUTCFullYear() <= 9999;
const OUT_OF_RANGE = "must fall between the years 0001 and 9999";

/** `asOf`: an ISO 8601 time with offset, in a year PostgreSQL can store. */
export const asOfParam = z.iso
  .datetime({ offset: true, error: "must be an ISO 8601 time with offset" })
  .transform((s) => new Date(s))
  .refine(inRange, OUT_OF_RANGE);

/** `date`: a real calendar day such as 2026-03-14 (not 2026-02-30). */
export const dayParam = z
  .string()
  .regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, "must be a day such as 2026-03-14")
  .refine((s) => {
    const date = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === s && inRange(date);
  }, "is not a date");

/** An event's times (`occurredAt`, `eta`) must be storable: year 0 is invalid input, not a database error. */
export function assertStorableTimes(input: object) {
  const errors: Record<string, string[]> = {};
  for (const [field, value] of Object.entries(input)) {
    if (value instanceof Date && !inRange(value)) errors[field] = [OUT_OF_RANGE];
  }
  if (Object.keys(errors).length) throw new DomainError("invalid_input", "The request has invalid fields.", errors);
}

import "server-only";
import { z } from "zod";
import { instant, isStorableDate } from "@/lib/domain/event-input";

// Query parameters and times shared by the v1 routes. PostgreSQL has no year 0
// (`0000-01-01` is out of range), so an ISO time in year 0 is refused as input
// here instead of failing in SQL.


/** `asOf`: an ISO 8601 time with offset, in a year PostgreSQL can store. */
export const asOfParam = instant;

/** `date`: a real calendar day such as 2026-03-14 (not 2026-02-30). */
export const dayParam = z
  .string()
  .regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, "must be a day such as 2026-03-14")
  .refine((s) => {
    const date = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === s && isStorableDate(date);
  }, "is not a date");

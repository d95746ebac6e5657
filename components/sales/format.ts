// Dates and quantities as a rep reads them. Business days are UTC dates
// (lib/domain/periods.ts), so they are formatted in UTC: "14 Mar" means the same
// day on the server, in the browser and in the ledger.
import { addDays, daysBetween } from "@/lib/domain/sales/days";

const DAY = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const DAY_YEAR = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const WEEKDAY = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });

const asDate = (day: string) => new Date(`${day.slice(0, 10)}T00:00:00Z`);

/** "14 Mar" */
export function shortDay(day: string): string {
  return DAY.format(asDate(day));
}

/** "Fri 14 Mar" */
export function longDay(day: string): string {
  return WEEKDAY.format(asDate(day));
}

/** "14 Mar 2026" */
export function fullDay(day: string): string {
  return DAY_YEAR.format(asDate(day));
}

export function dayNumber(day: string): number {
  return asDate(day).getTime();
}

/** A signed count with a true minus sign, so a shortfall never reads as a hyphenated code. */
export function signed(n: number): string {
  return n < 0 ? `−${Math.abs(n)}` : String(n);
}

export function units(n: number, uom = "units"): string {
  return `${signed(n)} ${n === 1 && uom === "units" ? "unit" : uom}`;
}

export function daysFromToday(today: string, day: string): number {
  return daysBetween(today, day.slice(0, 10));
}

/** "today", "tomorrow", "in 12 days" */
export function relativeDay(today: string, day: string): string {
  const days = daysFromToday(today, day);
  if (days <= 0) return "today";
  if (days === 1) return "tomorrow";
  return `in ${days} days`;
}

export const plusDays = (day: string, days: number): string => addDays(day.slice(0, 10), days);

/** "each" is how the catalogue counts; a rep says units. */
export function unitName(uom: string | null | undefined): string {
  return !uom || uom === "each" || uom === "ea" ? "units" : uom;
}

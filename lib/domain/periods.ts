import { DomainError } from "./errors.ts";

// Business time is UTC on every server: a business day and an accounting period
// never depend on the zone the process or the database session runs in. Every
// write, read and period check takes its day from here, and binds the day string
// (never a JS Date, which pg serialises in local time) to a `::date` parameter.

const DAY_MS = 86_400_000;
const DAY = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

// Accounting periods are calendar months in UTC, named "YYYY-MM".
export function periodOf(date: Date): string {
  return isoMoment(date).slice(0, 7);
}

/**
 * A moment as ISO text (UTC). The events of a batch or group share one or two
 * moments, asked for thousands of times: the last one is remembered.
 */
export function isoMoment(date: Date): string {
  const time = date.getTime();
  if (lastMoment.time !== time) lastMoment = { time, text: date.toISOString() };
  return lastMoment.text;
}
let lastMoment = { time: NaN, text: "" };

export function periodEnd(period: string): Date {
  const [year, month] = period.split("-").map(Number);
  return new Date(Date.UTC(year, month, 1));
}

export function isPeriod(value: string): boolean {
  return /^[0-9]{4}-(0[1-9]|1[0-2])$/.test(value);
}

/**
 * The business day ("YYYY-MM-DD", UTC) a moment belongs to, as stored in balance_day.
 * A day string (a `date` column as read through lib/server/sql.ts) is its own day.
 */
export function dayOf(moment: Date | string): string {
  if (typeof moment === "string") {
    if (!DAY.test(moment)) throw new RangeError(`not a business day: "${moment}"`);
    return moment;
  }
  return isoMoment(moment).slice(0, 10);
}

/** The first instant of a business day. */
export function dayStart(day: string): Date {
  return new Date(`${dayOf(day)}T00:00:00.000Z`);
}

/** The first instant of the business day after `day`. */
export function dayEnd(day: string): Date {
  return new Date(dayStart(day).getTime() + DAY_MS);
}

/**
 * The one refusal for an event dated into a closed period. Closing a month freezes
 * every month before it too (their moves would change the balances it closed on):
 * `closed` is the latest closed month on or after the event's `period`.
 */
export function periodClosed(period: string, closed: string = period): DomainError {
  if (closed === period) {
    return new DomainError("period_closed", `Period ${period} is closed; date the event in an open period.`, { occurredAt: [`${period} is closed`] });
  }
  return new DomainError(
    "period_closed",
    `Period ${period} is frozen: ${closed} is closed, and closing a month freezes every month before it. Date the event after ${closed}.`,
    { occurredAt: [`${period} is before closed ${closed}`] },
  );
}

/** Only a month that has ended can be closed. */
export function checkClosable(period: string, now: Date): void {
  if (periodEnd(period).getTime() > now.getTime()) {
    throw new DomainError("invalid_input", `Period ${period} has not ended yet.`, { period: ["has not ended"] });
  }
}

import { DomainError } from "./errors.ts";

// Accounting periods are calendar months in UTC, named "YYYY-MM".
export function periodOf(date: Date): string {
  return date.toISOString().slice(0, 7);
}

export function periodEnd(period: string): Date {
  const [year, month] = period.split("-").map(Number);
  return new Date(Date.UTC(year, month, 1));
}

export function isPeriod(value: string): boolean {
  return /^[0-9]{4}-(0[1-9]|1[0-2])$/.test(value);
}

/** The business day a moment belongs to, as stored in balance_day (UTC). */
export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The one refusal for an event dated into a closed period. */
export function periodClosed(period: string): DomainError {
  return new DomainError("period_closed", `Period ${period} is closed; date the event in an open period.`, { occurredAt: [`${period} is closed`] });
}

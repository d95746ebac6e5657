// How long something has waited, in the words a queue shows.
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function ageMs(since: Date | string, now: Date): number {
  return Math.max(0, now.getTime() - new Date(since).getTime());
}

/** "45 min", "5 h", "3 d 4 h", "21 d". */
export function ageText(ms: number): string {
  if (ms < HOUR) return `${Math.max(1, Math.round(ms / 60_000))} min`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)} h`;
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  return days < 7 && hours > 0 ? `${days} d ${hours} h` : `${days} d`;
}

/** A queue item older than this many hours is flagged. */
export const STALE_AFTER_HOURS = 48;

export const isStale = (ms: number) => ms > STALE_AFTER_HOURS * HOUR;

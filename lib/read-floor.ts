// How far a browser has seen the ledger: the `concord_seq` cookie. The server
// raises it when it answers the reader's own writes, the browser when its live
// stream delivers a later event, and with a read replica every read goes where
// that event already is (lib/server/read-route.ts).

export const SEQ_COOKIE = "concord_seq";

/** A day: long enough to outlast any page left open and short enough not to pin reads for good. */
export const SEQ_COOKIE_MAX_AGE = 24 * 60 * 60;

/** The cookie to set once event #seq was seen, or null when `cookies` (document.cookie) already says as much. Never lowers it. */
export function raisedSeqCookie(cookies: string, seq: number): string | null {
  if (!Number.isSafeInteger(seq) || seq <= 0) return null;
  const current = Number(new RegExp(`(?:^|;\\s*)${SEQ_COOKIE}=(\\d+)`).exec(cookies)?.[1] ?? 0);
  if (seq <= current) return null;
  return `${SEQ_COOKIE}=${seq}; path=/; max-age=${SEQ_COOKIE_MAX_AGE}; samesite=lax`;
}

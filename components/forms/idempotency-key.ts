"use client";

import { useMemo, useRef } from "react";

/** A v4 UUID; `crypto.randomUUID` exists only on HTTPS or localhost, getRandomValues everywhere. */
export function uuid(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** What one submission got back: the server's answer, or `null` when none arrived (the request failed or was cut off). */
export type SubmissionAnswer = { ok: boolean; code?: string | null } | null;

/** Said when a submission got no answer: its outcome is unknown, and sending it again is safe. */
export const NO_ANSWER = "Could not reach the server, so this may not have been saved. Submit again; it will not be posted twice.";

/**
 * Whether the next submission must carry the same key. With no answer, or an
 * `unavailable` one (the database could not serve, so the event may or may not
 * have been posted), the outcome is unknown: the retry reuses the key and the
 * server posts it at most once. Any other answer is final, so the next
 * submission is a new one.
 */
export function keepsKey(answer: SubmissionAnswer): boolean {
  return answer === null || (!answer.ok && answer.code === "unavailable");
}

/**
 * One key per submission: every submit before the answer comes back (a double
 * click) carries the same key, so the server posts once; `settle` with the
 * answer renews it only when that answer is final (`keepsKey`).
 */
export function useIdempotencyKey() {
  const key = useRef<string | null>(null);
  return useMemo(
    () => ({
      current: () => (key.current ??= uuid()),
      settle: (answer: SubmissionAnswer) => {
        if (!keepsKey(answer)) key.current = null;
      },
    }),
    [],
  );
}

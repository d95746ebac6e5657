"use client";

import { useRef } from "react";

/** A v4 UUID; `crypto.randomUUID` exists only on HTTPS or localhost, getRandomValues everywhere. */
function uuid(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * One key per submission: every submit before the answer comes back (a double
 * click) carries the same key, so the server posts once; `renew` after the
 * answer makes the next submission a new one.
 */
export function useIdempotencyKey() {
  const key = useRef<string | null>(null);
  return {
    current: () => (key.current ??= uuid()),
    renew: () => {
      key.current = null;
    },
  };
}

// The browser raises its read floor (the concord_seq cookie) as its live stream
// delivers events, and never lowers it below what its own writes set.
import { describe, expect, it } from "vitest";
import { raisedSeqCookie, SEQ_COOKIE } from "../../lib/read-floor.ts";

describe("raisedSeqCookie", () => {
  it("sets the floor a browser without one has seen", () => {
    expect(raisedSeqCookie("", 42)).toBe(`${SEQ_COOKIE}=42; path=/; max-age=86400; samesite=lax`);
    expect(raisedSeqCookie("theme=dark; other_concord_seq=900", 42)).toMatch(/^concord_seq=42;/);
  });

  it("raises it, and leaves a higher floor (the reader's own write) alone", () => {
    expect(raisedSeqCookie("a=1; concord_seq=40; b=2", 42)).toMatch(/^concord_seq=42;/);
    expect(raisedSeqCookie("concord_seq=50", 42)).toBeNull();
    expect(raisedSeqCookie("concord_seq=42", 42)).toBeNull();
  });

  it("ignores a seq that is no event's", () => {
    for (const seq of [0, -3, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1]) expect(raisedSeqCookie("", seq)).toBeNull();
  });
});

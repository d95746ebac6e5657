import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { keepsKey, useIdempotencyKey, uuid, type SubmissionAnswer } from "@/components/forms/idempotency-key";

/** The hook as a form holds it: rendered once, then used from event handlers. */
function mountKey() {
  let held: ReturnType<typeof useIdempotencyKey> | null = null;
  function Form() {
    held = useIdempotencyKey();
    return null;
  }
  renderToStaticMarkup(createElement(Form));
  if (!held) throw new Error("the hook did not run");
  return held as ReturnType<typeof useIdempotencyKey>;
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("keepsKey", () => {
  it("keeps the key when the outcome is unknown: no answer, or the database unavailable", () => {
    expect(keepsKey(null)).toBe(true);
    expect(keepsKey({ ok: false, code: "unavailable" })).toBe(true);
  });

  it("renews it after any final answer", () => {
    const finals: SubmissionAnswer[] = [
      { ok: true },
      { ok: false, code: "insufficient_quantity" },
      { ok: false, code: "invalid_input" },
      { ok: false, code: "internal" },
      { ok: false, code: "idempotency_conflict" },
      // The sales forms' state carries no code: a refusal in words is still an answer.
      { ok: false },
    ];
    for (const answer of finals) expect(keepsKey(answer), JSON.stringify(answer)).toBe(false);
  });
});

describe("useIdempotencyKey", () => {
  it("gives every submit before an answer the same key", () => {
    const key = mountKey();
    const first = key.current();
    expect(first).toMatch(UUID_V4);
    expect(key.current()).toBe(first);
  });

  it("retries with the same key after an outage or no answer, and only then", () => {
    const key = mountKey();
    const first = key.current();
    key.settle({ ok: false, code: "unavailable" });
    expect(key.current()).toBe(first);
    key.settle(null);
    expect(key.current()).toBe(first);
    key.settle({ ok: true });
    const second = key.current();
    expect(second).not.toBe(first);
    key.settle({ ok: false, code: "insufficient_quantity" });
    expect(key.current()).not.toBe(second);
  });
});

describe("uuid", () => {
  it("makes a v4 UUID without crypto.randomUUID (plain HTTP on a LAN address)", () => {
    // Shadows the prototype's method on this object only; deleting it brings the method back.
    Object.defineProperty(crypto, "randomUUID", { value: undefined, configurable: true });
    try {
      const made = new Set(Array.from({ length: 50 }, uuid));
      expect(made.size).toBe(50);
      for (const one of made) expect(one).toMatch(UUID_V4);
    } finally {
      delete (crypto as { randomUUID?: unknown }).randomUUID;
    }
    expect(typeof crypto.randomUUID).toBe("function");
  });
});

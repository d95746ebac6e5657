// An Idempotency-Key's fingerprint of its request: the same for the same body in any
// key order, and the same as the keys already stored were given.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createHash } from "node:crypto";
import { requestHash } from "../../lib/server/ledger/idempotency.ts";

/** The fingerprint as first defined: the body rebuilt with sorted keys, then JSON.stringify. */
function storedHash(body: unknown): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === "object"
        ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]))
        : value;
  return createHash("sha256").update(JSON.stringify(canonical(body)) ?? "").digest("hex");
}

function shuffled(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((item, i) => shuffled(item, seed + i));
  if (!value || typeof value !== "object") return value;
  const entries = Object.entries(value);
  entries.sort((a, b) => ((a[0].length * 31 + seed) % 7) - ((b[0].length * 31 + seed) % 7) || (seed % 2 ? 1 : -1));
  return Object.fromEntries(entries.map(([k, v]) => [k, shuffled(v, seed + 1)]));
}

describe("requestHash", () => {
  it("gives every JSON body the fingerprint keys were stored with, whatever its key order", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), (body, seed) => {
        expect(requestHash(body)).toBe(storedHash(body));
        expect(requestHash(shuffled(body, seed))).toBe(requestHash(body));
      }),
      { numRuns: 500 },
    );
  });

  it("tells bodies apart that differ in one value, and leaves out what JSON leaves out", () => {
    const events = Array.from({ length: 3 }, (_, i) => ({ type: "reserve", sku: "B-1", qty: i + 1, location: "WH-EAST", orderLine: `SO-${i}` }));
    expect(requestHash({ events })).not.toBe(requestHash({ events: [...events.slice(0, 2), { ...events[2], qty: 4 }] }));
    expect(requestHash({ a: 1, b: undefined, c: [undefined, 2] })).toBe(storedHash({ a: 1, c: [null, 2] }));
    // Key sets that would read alike if their keys were simply joined.
    expect(requestHash(JSON.parse('[{"a\\u0000b":1},{"a":1,"b":2}]'))).toBe(storedHash([{ "a\u0000b": 1 }, { a: 1, b: 2 }]));
    const awkward = '{"__proto__":1,"zeta":"ü","10":[],"2":{},"Alpha":"\\u0000"}';
    expect(requestHash(JSON.parse(awkward))).toBe(storedHash(JSON.parse(awkward)));
  });
});

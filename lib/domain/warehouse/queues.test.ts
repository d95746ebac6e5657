import { expect, test } from "vitest";
import { EventInputSchema } from "../event-input.ts";
import { QUEUES, queueEvent, type QueueKey } from "./queues.ts";
import { EVENT_RULES, type EventType } from "../event-types.ts";
import { ageText } from "./age.ts";
import { isOverdue, newTransferRef, sortInFlight } from "./transfers.ts";

const item = { sku: "CHAIR-01", location: "WH-EAST", bin: "A-01", doc: "DOC-1" };

test.each(QUEUES.map((queue) => [queue.key, queue.state] as const))("the %s queue posts an event that parses and moves out of %s", (key, state) => {
  const event = queueEvent(key as QueueKey, item, 2, { reason: "why", bin: "DOCK" });
  const parsed = EventInputSchema.parse(event);
  const moves = EVENT_RULES[parsed.type as EventType].moves as readonly (readonly [string, string])[];
  expect(moves.some(([from]) => from === state)).toBe(true);
});

test.each([
  [30 * 60_000, "30 min"],
  [5 * 3_600_000, "5 h"],
  [(3 * 24 + 4) * 3_600_000, "3 d 4 h"],
  [21 * 24 * 3_600_000, "21 d"],
])("age %d ms reads %s", (ms, text) => {
  expect(ageText(ms)).toBe(text);
});

test("transfers in flight: overdue first, most overdue first, then the oldest", () => {
  const now = new Date("2026-11-20T00:00:00Z");
  const t = (ref: string, shippedAt: string, eta: string | null) => ({ ref, sku: "S", from: "A", to: "B", qty: 1, shippedAt, eta });
  const sorted = sortInFlight([t("new", "2026-11-19T00:00:00Z", null), t("late", "2026-11-18T00:00:00Z", "2026-11-19T00:00:00Z"), t("later", "2026-11-18T12:00:00Z", "2026-11-17T00:00:00Z"), t("old", "2026-11-10T00:00:00Z", "2026-11-30T00:00:00Z")], now);
  expect(sorted.map((x) => x.ref)).toEqual(["later", "late", "old", "new"]);
  expect(isOverdue({ eta: null }, now)).toBe(false);
  expect(newTransferRef(now, () => 0)).toBe("TR-261120-AAAA");
});

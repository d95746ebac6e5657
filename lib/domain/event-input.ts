// The shape of one event as integrations and screens submit it (api.md "Events").
// Parsing is strict: an unknown field is a mistake worth hearing about.
import { z } from "zod";
import "./zod-messages.ts";
import { MONEY_PATTERN } from "./money.ts";
import { UUID_PATTERN } from "./ids.ts";

const code = z.string().trim().min(1, "required").max(64);
const qty = z
  .number({ error: "must be a whole number" })
  .int("must be a whole number")
  .positive("must be greater than zero")
  .max(1_000_000, "must be at most 1,000,000");
const money = z.string().regex(MONEY_PATTERN, 'must be a decimal string such as "12.50"');
/** PostgreSQL has no year 0 and stops at 9999. */
export const isStorableDate = (date: Date) => date.getUTCFullYear() >= 1 && date.getUTCFullYear() <= 9999;

/** A business time PostgreSQL can store: ISO 8601 with offset, years 0001–9999. */
export const instant = z.iso
  .datetime({ offset: true, error: "must be an ISO 8601 time with offset" })
  .transform((s) => new Date(s))
  .refine(isStorableDate, "must fall between the years 0001 and 9999");
const text = z.string().trim().max(500);

const base = {
  sku: code,
  location: code,
  occurredAt: instant.optional(),
  reference: text.min(1).max(100).optional(),
  reason: text.optional(),
  bin: code.optional(),
};
const move = { ...base, qty };

export const EventInputSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("po.confirm"),
    ...move,
    reference: text.min(1, "the PO number is required").max(100),
    unitCost: money,
    eta: instant,
    fob: z.enum(["shipping_point", "destination"]),
    supplier: text.min(1),
  }),
  z.strictObject({ type: z.literal("po.ship"), ...move, reference: text.min(1, "the PO number is required").max(100), eta: instant.optional() }),
  z.strictObject({ type: z.literal("receive"), ...move, reference: text.min(1, "the PO number is required").max(100) }),
  z.strictObject({ type: z.literal("inspect"), ...move, result: z.enum(["pass", "reject", "hold"]) }),
  z.strictObject({ type: z.literal("vendor.return"), ...move }),
  z.strictObject({ type: z.literal("reserve"), ...move, channel: code, orderLine: code }),
  z.strictObject({ type: z.literal("release"), ...move, channel: code.optional(), orderLine: code }),
  z.strictObject({ type: z.literal("pick"), ...move, orderLine: code, toBin: code.optional() }),
  z.strictObject({ type: z.literal("pack"), ...move, orderLine: code, toBin: code.optional() }),
  z.strictObject({ type: z.literal("ship"), ...move, orderLine: code, fob: z.enum(["shipping_point", "destination"]) }),
  z.strictObject({ type: z.literal("deliver"), ...move, orderLine: code }),
  z.strictObject({ type: z.literal("return.receive"), ...move, rma: code, orderLine: code.optional() }),
  z.strictObject({ type: z.literal("return.inspect"), ...move, rma: code, result: z.enum(["restock", "damaged"]) }),
  z.strictObject({ type: z.literal("hold"), ...move }),
  z.strictObject({ type: z.literal("hold.release"), ...move }),
  z.strictObject({
    type: z.literal("damage"),
    ...move,
    fromState: z.enum(["AVAILABLE", "RESERVED", "PICKED", "PACKED"]),
    orderLine: code.optional(),
  }),
  z.strictObject({ type: z.literal("writeoff"), ...move }),
  z.strictObject({ type: z.literal("transfer.ship"), ...move, toLocation: code, transfer: code.optional(), eta: instant.optional() }),
  z.strictObject({
    type: z.literal("transfer.receive"),
    ...move,
    transfer: code.optional(),
    toState: z.enum(["AVAILABLE", "RECEIVING"]).default("AVAILABLE"),
  }),
  z.strictObject({
    type: z.literal("count"),
    ...base,
    countedQty: z.number({ error: "must be a whole number" }).int("must be a whole number").min(0, "cannot be negative").max(10_000_000, "must be at most 10,000,000"),
  }),
  z.strictObject({ type: z.literal("dropship"), ...move, unitCost: money, channel: code, orderLine: code }),
  z.strictObject({ type: z.literal("invoice.match"), ...move, reference: text.min(1, "the PO number is required").max(100), unitCost: money }),
  z.strictObject({ type: z.literal("cost.change"), ...base, location: code.optional(), standardCost: money }),
  z.strictObject({
    type: z.literal("period.close"),
    period: z.string().regex(/^[1-9][0-9]{3}-(0[1-9]|1[0-2])$/, 'must be a month such as "2026-03"'),
    occurredAt: instant.optional(),
    reason: text.optional(),
  }),
  z.strictObject({
    type: z.literal("reverse"),
    /** Any row of the group to undo (its seq) or the group's id: the whole group is reversed. */
    reverses: z.union([
      z.number().int().positive(),
      z.string().regex(/^[0-9]{1,15}$/).transform(Number),
      z.string().regex(UUID_PATTERN, "an event number or an event group id").transform((s) => s.toLowerCase()),
    ]),
    reason: text.min(1, "say why the event is reversed"),
    occurredAt: instant.optional(),
  }),
]);

export type EventInput = z.infer<typeof EventInputSchema>;
export type EventInputType = EventInput["type"];
export type MoveInput = Exclude<EventInput, { type: "period.close" | "reverse" | "cost.change" | "count" | "invoice.match" }>;

/** zod issues → `{ field: [messages] }`, the per-field shape forms and problem+json share. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "body";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

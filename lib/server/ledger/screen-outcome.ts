import "server-only";
import { z } from "zod";
import { ruleFor, isEventType } from "@/lib/domain/event-types";
import type { Actor } from "./post-event";
import { parseEvent } from "./parse-event";
import { submitEvent } from "./service";
import { checkScannedCodes } from "@/lib/server/views/warehouse-scan";
import { defineAction } from "@/lib/server/action";

/** A screen form's submission: its idempotency key (one per submission) and the event it posts. */
export const ScreenEventSchema = z.object({ idempotencyKey: z.string().min(8).max(200), event: z.record(z.string(), z.unknown()) });

/** What a screen tells the person who posted: posted (with its event number) or waiting for approval. */
export type ScreenOutcome = { status: "posted" | "approval"; message: string; seq: number | null };

type Leg = { qty: number; from: { location: string; state: string; bin: string } | null; to: { location: string; state: string; bin: string } | null };
const end = (side: Leg["from"]) => (side ? `${side.location} ${side.state}${side.bin ? ` (${side.bin})` : ""}` : "");

/**
 * Posts one event from a screen form: the codes it names are checked first (an
 * unknown SKU, bin or location is refused with what exists instead), then the
 * ledger posts it once per form submission's key, and the answer is put in words.
 */
export async function postFromScreen(user: Actor, event: Record<string, unknown>, idempotencyKey: string): Promise<ScreenOutcome> {
  const checked = await checkScannedCodes(event);
  const stored = await submitEvent(user, parseEvent(checked), `ui:${idempotencyKey}`, checked);
  const body = stored.body;
  if ("approval" in body) {
    return { status: "approval", seq: null, message: `Waiting for approval: ${body.approval.summary}. Another person decides it on their Approvals screen.` };
  }
  const legs = (body.events as Leg[]).filter((leg) => leg.from && leg.to);
  const qty = legs.reduce((total, leg) => total + leg.qty, 0);
  const moves = [...new Set(legs.map((leg) => `${end(leg.from)} → ${end(leg.to)}`))].join("; ");
  const sku = typeof checked.sku === "string" ? checked.sku : "";
  const seq = body.event.seq;
  if (legs.length > 0) return { status: "posted", seq, message: `Posted ${qty} × ${sku}: ${moves} (event #${seq}).` };
  if (checked.type === "count") return { status: "posted", seq, message: `Recorded for ${sku}: nothing moved, the count matched (event #${seq}).` };
  const label = typeof checked.type === "string" && isEventType(checked.type) ? ruleFor(checked.type).label : "Event";
  return { status: "posted", seq, message: `${label} for ${sku}: recorded (event #${seq}).` };
}

/**
 * The server action an area's screen forms post through: the area's permission, then
 * `postFromScreen` (what the role may post is the ledger's rule, lib/domain/authorise.ts;
 * approvals apply as through the API), then the area's pages revalidated.
 */
export function screenEventAction(area: "warehouse" | "finance") {
  return defineAction({
    schema: ScreenEventSchema,
    permission: `area.${area}`,
    run: ({ idempotencyKey, event }, user) => postFromScreen(user, event, idempotencyKey),
    revalidate: () => [`/${area}`],
  });
}

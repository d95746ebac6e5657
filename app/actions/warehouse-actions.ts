"use server";
import { z } from "zod";
import { defineAction } from "@/lib/server/action";
import { parseEvent } from "@/lib/server/ledger/parse-event";
import { submitEvent } from "@/lib/server/ledger/service";
import { checkScannedCodes } from "@/lib/server/views/warehouse-scan";

const WarehouseEventSchema = z.object({ idempotencyKey: z.string().min(8).max(200), event: z.record(z.string(), z.unknown()) });

export type WarehouseOutcome = { status: "posted" | "approval"; message: string; seq: number | null };

type Leg = { qty: number; from: { location: string; state: string; bin: string } | null; to: { location: string; state: string; bin: string } | null };
const end = (side: Leg["from"]) => (side ? `${side.location} ${side.state}${side.bin ? ` (${side.bin})` : ""}` : "");

/**
 * Posts one warehouse event from a screen: the codes it names are checked first
 * (an unknown SKU, bin or location is refused with what exists instead), then
 * the ledger posts it once per form submission's key.
 */
export const warehouseEventAction = defineAction({
  schema: WarehouseEventSchema,
  permission: "area.warehouse",
  run: async ({ idempotencyKey, event }, user): Promise<WarehouseOutcome> => {
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
    return {
      status: "posted",
      seq: body.event.seq,
      message: legs.length === 0 ? `Recorded for ${sku}: nothing moved, the count matched (event #${body.event.seq}).` : `Posted ${qty} × ${sku}: ${moves} (event #${body.event.seq}).`,
    };
  },
  revalidate: () => ["/warehouse"],
});

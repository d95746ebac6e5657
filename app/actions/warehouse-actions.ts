"use server";
import { z } from "zod";
import { defineAction } from "@/lib/server/action";
import { postFromScreen } from "@/lib/server/ledger/screen-outcome";

const WarehouseEventSchema = z.object({ idempotencyKey: z.string().min(8).max(200), event: z.record(z.string(), z.unknown()) });

/** Posts one warehouse event from a screen (lib/server/ledger/screen-outcome.ts). */
export const warehouseEventAction = defineAction({
  schema: WarehouseEventSchema,
  permission: "area.warehouse",
  run: ({ idempotencyKey, event }, user) => postFromScreen(user, event, idempotencyKey),
  revalidate: () => ["/warehouse"],
});

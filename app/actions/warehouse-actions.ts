"use server";
import { defineAction } from "@/lib/server/action";
import { postFromScreen, ScreenEventSchema } from "@/lib/server/ledger/screen-outcome";

/** Posts one warehouse event from a screen (lib/server/ledger/screen-outcome.ts). */
export const warehouseEventAction = defineAction({
  schema: ScreenEventSchema,
  permission: "area.warehouse",
  run: ({ idempotencyKey, event }, user) => postFromScreen(user, event, idempotencyKey),
  revalidate: () => ["/warehouse"],
});

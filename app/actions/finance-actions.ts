"use server";
import { defineAction } from "@/lib/server/action";
import { postFromScreen, ScreenEventSchema } from "@/lib/server/ledger/screen-outcome";

/**
 * Posts one finance event from the Record screen: a purchase order, a supplier
 * invoice, a standard cost change or a write-off. What the role may post is the
 * ledger's rule (lib/domain/authorise.ts); approvals apply as through the API.
 */
export const financeEventAction = defineAction({
  schema: ScreenEventSchema,
  permission: "area.finance",
  run: ({ idempotencyKey, event }, user) => postFromScreen(user, event, idempotencyKey),
  revalidate: () => ["/finance"],
});

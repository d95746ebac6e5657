"use server";
import { z } from "zod";
import { defineAction } from "@/lib/server/action";
import { parseEvent } from "@/lib/server/ledger/parse-event";
import { decide, submitEvent } from "@/lib/server/ledger/service";
import { ScreenEventSchema } from "@/lib/server/ledger/screen-outcome";

const AREAS = ["/sales", "/warehouse", "/finance", "/admin"];

/**
 * Posts any transition of the model (§3) from a screen. The form supplies a key
 * made once per submission, so a double click never posts twice.
 */
export const postEventAction = defineAction({
  schema: ScreenEventSchema,
  permission: null,
  run: async ({ idempotencyKey, event }, user) => (await submitEvent(user, parseEvent(event), `ui:${idempotencyKey}`, event)).body,
  revalidate: () => AREAS,
});

const DecisionSchema = z.object({ id: z.string().uuid(), note: z.string().trim().max(500).optional() });

export const approveAction = defineAction({
  schema: DecisionSchema,
  permission: null,
  run: ({ id, note }, user) => decide(user, id, "approve", note),
  revalidate: () => AREAS,
});

export const rejectAction = defineAction({
  schema: DecisionSchema,
  permission: null,
  run: ({ id, note }, user) => decide(user, id, "reject", note),
  revalidate: () => AREAS,
});

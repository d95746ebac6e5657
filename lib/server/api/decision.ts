import "server-only";
import { z } from "zod";
import { decide } from "@/lib/server/ledger/service";
import { apiRoute, json, parseWith, readJson } from "./handler";

const DecisionSchema = z.strictObject({ note: z.string().trim().max(500).optional() });

/** POST /api/v1/approvals/{id}/approve|reject — who may decide is checked against the request itself. */
export function decisionRoute(decision: "approve" | "reject") {
  return apiRoute<{ id: string }>(null, async ({ request, actor, params }) => {
    const { note } = parseWith(DecisionSchema, await readJson(request, { optional: true }));
    const result = await decide(actor, params.id, decision, note);
    return json(result, decision === "approve" && "event" in result ? 201 : 200);
  });
}

import { apiRoute, idempotencyKey, json, jsonText, methodNotAllowed, readJson } from "@/lib/server/api/handler";
import { withTokenCheck } from "@/lib/server/api/auth";
import { parseEvent } from "@/lib/server/ledger/parse-event";
import { submitEvent } from "@/lib/server/ledger/service";

// The token is checked by the transaction that posts the event (lib/server/auth/known-tokens.ts).
export const POST = apiRoute(
  null,
  async ({ request, actor }) => {
    const key = idempotencyKey(request);
    const body = await readJson(request);
    const input = parseEvent(body);
    const result = await withTokenCheck(request, actor, (who) => submitEvent(who, input, key, body));
    const headers: Record<string, string> = result.replayed ? { "idempotent-replayed": "true" } : {};
    // The answer's text as it was stored with the key, not serialised again.
    return result.text === undefined ? json(result.body, result.status, headers) : jsonText(result.text, result.status, headers);
  },
  { checkTokenLater: true },
);

const notAllowed = methodNotAllowed("POST");
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };

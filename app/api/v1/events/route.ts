import { apiRoute, idempotencyKey, json, methodNotAllowed, readJson } from "@/lib/server/api/handler";
import { parseEvent } from "@/lib/server/ledger/parse-event";
import { submitEvent } from "@/lib/server/ledger/service";

export const POST = apiRoute(null, async ({ request, actor }) => {
  const key = idempotencyKey(request);
  const body = await readJson(request);
  const input = parseEvent(body);
  const result = await submitEvent(actor, input, key, body);
  return json(result.body, result.status, result.replayed ? { "idempotent-replayed": "true" } : {});
});

const notAllowed = methodNotAllowed("POST");
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };

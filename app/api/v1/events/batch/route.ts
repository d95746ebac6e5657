import { apiRoute, idempotencyKey, json, methodNotAllowed, readJson, storedJson } from "@/lib/server/api/handler";
import { databaseOutage, problem, problemFromError } from "@/lib/server/api/problem";
import { BatchTooLarge, boundedRequest } from "@/lib/server/ledger/batch/body";
import { BatchRefusal, parseBatch, refusalDetail } from "@/lib/server/ledger/batch/parse";
import { submitBatch } from "@/lib/server/ledger/batch/submit";

export const POST = apiRoute(null, async ({ request, actor }) => {
  try {
    const key = idempotencyKey(request);
    const body = await readJson(await boundedRequest(request), { storable: false }); // each event is checked by parseBatch, which names its index
    const result = await submitBatch(actor, parseBatch(body), key, body);
    const headers: Record<string, string> = result.replayed ? { "idempotent-replayed": "true" } : {};
    // A batch's answer runs to a megabyte: sent as the text just stored, not serialised twice.
    return result.text === undefined ? json(result.body, result.status, headers) : storedJson(result.text, result.status, headers);
  } catch (error) {
    // An outage is no event's fault: the batch answers 503 as a whole, to be retried with its key.
    if (error instanceof BatchRefusal && databaseOutage(error.cause)) throw error.cause;
    if (error instanceof BatchRefusal) return refused(error);
    if (error instanceof BatchTooLarge) return problem(413, "payload_too_large", error.message);
    throw error;
  }
});

/** The refused event's own problem+json, naming its index (and its fields under `events[i]`). */
async function refused(refusal: BatchRefusal): Promise<Response> {
  const { index, error, errors } = refusalDetail(refusal);
  const own = problemFromError(error);
  const body = (await own.json()) as { detail: string };
  const named = { ...body, detail: `Event ${index} was refused, so nothing in the batch was posted: ${body.detail}`, index, ...(errors ? { errors } : {}) };
  return new Response(JSON.stringify(named), { status: own.status, headers: own.headers });
}

const notAllowed = methodNotAllowed("POST");
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };

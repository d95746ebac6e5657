import { apiRoute, json, methodNotAllowed, parseWith, pathParam } from "@/lib/server/api/handler";
import { skuTrace } from "@/lib/server/views/trace";
import { traceFilter, TraceQuerySchema } from "./query";

/** GET /api/v1/skus/{sku}/trace — the SKU's events in posting order, each with its effect on the three views and the journal. */
export const GET = apiRoute<{ sku: string }>("trace.read", async ({ params, url }) => {
  const query = parseWith(TraceQuerySchema, Object.fromEntries(url.searchParams));
  return json(await skuTrace(pathParam(params.sku), traceFilter(query)));
});

const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };

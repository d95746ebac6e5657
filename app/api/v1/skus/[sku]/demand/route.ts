import { z } from "zod";
import { apiRoute, json, methodNotAllowed, parseWith, pathParam } from "@/lib/server/api/handler";
import { demandView } from "@/lib/server/views/demand";

const QuerySchema = z.object({ channel: z.string({ error: "required" }).trim().min(1, "required") });

/** GET /api/v1/skus/{sku}/demand — weekly demand, the forecast, cover and a reorder suggestion. */
export const GET = apiRoute<{ sku: string }>("balances.read", async ({ params, url }) => {
  const query = parseWith(QuerySchema, Object.fromEntries(url.searchParams));
  return json(await demandView(pathParam(params.sku), query));
});

const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };

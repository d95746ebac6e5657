import { z } from "zod";
import { apiRoute, json, methodNotAllowed, parseWith, pathParam } from "@/lib/server/api/handler";
import { asOfParam } from "@/lib/server/api/query";
import { financeSku } from "@/lib/server/views/finance/sku";

const QuerySchema = z.object({ asOf: asOfParam.optional() });

/** GET /api/v1/skus/{sku}/finance — the valued asset, its layers and timing buckets (api.md "Views"). */
export const GET = apiRoute<{ sku: string }>("finance.read", async ({ params, url }) => {
  const query = parseWith(QuerySchema, Object.fromEntries(url.searchParams));
  return json(await financeSku(pathParam(params.sku), query));
});

const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };

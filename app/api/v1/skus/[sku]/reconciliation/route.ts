import { z } from "zod";
import { apiRoute, json, methodNotAllowed, parseWith, pathParam } from "@/lib/server/api/handler";
import { asOfParam } from "@/lib/server/api/query";
import { apiShape, skuReconciliation } from "@/lib/server/views/reconciliation/sku";

const QuerySchema = z.object({ asOf: asOfParam.optional() });

export const GET = apiRoute<{ sku: string }>("reconciliation.read", async ({ params, url }) => {
  const query = parseWith(QuerySchema, Object.fromEntries(url.searchParams));
  return json(apiShape(await skuReconciliation(pathParam(params.sku), { asOf: query.asOf })));
});

const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };

import { z } from "zod";
import { apiRoute, json, methodNotAllowed, parseWith, pathParam } from "@/lib/server/api/handler";
import { asOfParam } from "@/lib/server/api/query";
import { warehouseBalances } from "@/lib/server/views/balances";

const QuerySchema = z.object({
  location: z.string().trim().min(1).optional(),
  asOf: asOfParam.optional(),
});

export const GET = apiRoute<{ sku: string }>("balances.read", async ({ params, url }) => {
  const query = parseWith(QuerySchema, Object.fromEntries(url.searchParams));
  return json(await warehouseBalances(pathParam(params.sku), query));
});

const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };

import { z } from "zod";
import { apiRoute, json, parseWith } from "@/lib/server/api/handler";
import { warehouseBalances } from "@/lib/server/views/balances";

const QuerySchema = z.object({
  location: z.string().trim().min(1).optional(),
  asOf: z.iso.datetime({ offset: true, error: "must be an ISO 8601 time with offset" }).transform((s) => new Date(s)).optional(),
});

export const GET = apiRoute<{ sku: string }>("balances.read", async ({ params, url }) => {
  const query = parseWith(QuerySchema, Object.fromEntries(url.searchParams));
  return json(await warehouseBalances(decodeURIComponent(params.sku), query));
});

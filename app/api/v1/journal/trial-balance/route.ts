import { apiRoute, json, methodNotAllowed, parseWith } from "@/lib/server/api/handler";
import { trialBalance } from "@/lib/server/views/finance/trial-balance";
import { journalFilter, RangeSchema } from "../query";

/** GET /api/v1/journal/trial-balance — Σ debit and Σ credit per account over the range. */
export const GET = apiRoute("finance.read", async ({ url }) => {
  const { from, to, sku } = journalFilter(parseWith(RangeSchema, Object.fromEntries(url.searchParams)));
  return json(await trialBalance({ from, to, sku }));
});

const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };

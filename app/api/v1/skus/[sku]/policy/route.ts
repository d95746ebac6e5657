import { PolicyInputSchema } from "@/lib/domain/catalogue-input";
import { apiRoute, json, parseWith, readJson } from "@/lib/server/api/handler";
import { setPolicy } from "@/lib/server/catalogue/write";
import { inTransaction } from "@/lib/server/ledger/service";

export const PUT = apiRoute<{ sku: string }>("policy.write", async ({ request, params, actor }) => {
  const input = parseWith(PolicyInputSchema, await readJson(request));
  return json({ policy: await inTransaction((tx) => setPolicy(tx, actor, decodeURIComponent(params.sku), input)) });
});

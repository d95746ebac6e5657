import { PolicyInputSchema } from "@/lib/domain/catalogue-input";
import { apiRoute, json, methodNotAllowed, parseWith, pathParam, readJson } from "@/lib/server/api/handler";
import { setPolicy } from "@/lib/server/catalogue/write";
import { inTransaction } from "@/lib/server/ledger/service";

export const PUT = apiRoute<{ sku: string }>("policy.write", async ({ request, params, actor }) => {
  const input = parseWith(PolicyInputSchema, await readJson(request));
  return json({ policy: await inTransaction((tx) => setPolicy(tx, actor, pathParam(params.sku), input)) });
});

const notAllowed = methodNotAllowed("PUT");
export { notAllowed as GET, notAllowed as POST, notAllowed as PATCH, notAllowed as DELETE };

import { SkuInputSchema } from "@/lib/domain/catalogue-input";
import { apiRoute, json, methodNotAllowed, parseWith, readJson } from "@/lib/server/api/handler";
import { createSku } from "@/lib/server/catalogue/write";
import { inTransaction } from "@/lib/server/ledger/service";
import { listSkus } from "@/lib/server/catalogue/read";

export const GET = apiRoute("catalogue.read", async () => json({ skus: await listSkus() }));

export const POST = apiRoute("catalogue.write", async ({ request, actor }) => {
  const input = parseWith(SkuInputSchema, await readJson(request));
  return json({ sku: await inTransaction((tx) => createSku(tx, actor, input)) }, 201);
});

const notAllowed = methodNotAllowed("GET", "POST");
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };

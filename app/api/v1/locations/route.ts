import { LocationInputSchema } from "@/lib/domain/catalogue-input";
import { apiRoute, json, methodNotAllowed, parseWith, readJson } from "@/lib/server/api/handler";
import { createLocation } from "@/lib/server/catalogue/write";
import { inTransaction } from "@/lib/server/ledger/service";
import { listLocations } from "@/lib/server/catalogue/read";

export const GET = apiRoute("catalogue.read", async () => json({ locations: await listLocations() }));

export const POST = apiRoute("catalogue.write", async ({ request, actor }) => {
  const input = parseWith(LocationInputSchema, await readJson(request));
  return json({ location: await inTransaction((tx) => createLocation(tx, actor, input)) }, 201);
});

const notAllowed = methodNotAllowed("GET", "POST");
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };

import { ChannelInputSchema } from "@/lib/domain/catalogue-input";
import { apiRoute, json, methodNotAllowed, parseWith, readJson } from "@/lib/server/api/handler";
import { createChannel } from "@/lib/server/catalogue/write";
import { inTransaction } from "@/lib/server/ledger/service";
import { listChannels } from "@/lib/server/catalogue/read";

export const GET = apiRoute("catalogue.read", async () => json({ channels: await listChannels() }));

export const POST = apiRoute("catalogue.write", async ({ request, actor }) => {
  const input = parseWith(ChannelInputSchema, await readJson(request));
  return json({ channel: await inTransaction((tx) => createChannel(tx, actor, input)) }, 201);
});

const notAllowed = methodNotAllowed("GET", "POST");
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };

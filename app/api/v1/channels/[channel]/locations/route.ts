import { apiRoute, json, methodNotAllowed, parseWith, readJson } from "@/lib/server/api/handler";
import { ChannelLocationsInputSchema, channelLocationsOf, setChannelLocations } from "@/lib/server/catalogue/channel-locations";
import { inTransaction } from "@/lib/server/ledger/service";

type Params = { channel: string };

/** The locations that serve a channel; an empty list means every location does. */
export const GET = apiRoute<Params>("catalogue.read", async ({ params }) => json(await channelLocationsOf(params.channel)));

/** Replaces the channel's locations (admin): `{ "locations": ["WH-EAST", …] }`, `[]` for every location. */
export const PUT = apiRoute<Params>("catalogue.write", async ({ request, actor, params }) => {
  const input = parseWith(ChannelLocationsInputSchema, await readJson(request));
  return json(await inTransaction((tx) => setChannelLocations(tx, actor, params.channel, input.locations)));
});

const notAllowed = methodNotAllowed("GET", "PUT");
export { notAllowed as POST, notAllowed as PATCH, notAllowed as DELETE };

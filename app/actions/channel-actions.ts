"use server";
import { z } from "zod";
import { defineAction } from "@/lib/server/action";
import { ChannelLocationsInputSchema, setChannelLocations } from "@/lib/server/catalogue/channel-locations";
import { inTransaction } from "@/lib/server/ledger/service";

// The admin screen's save for "which locations serve this channel": the same
// parse → authorise → one transaction (rows and audit entry) path as the API.

const SetChannelLocationsSchema = ChannelLocationsInputSchema.extend({
  channel: z.string().trim().toLowerCase().min(1, "choose a channel"),
});

export const setChannelLocationsAction = defineAction({
  schema: SetChannelLocationsSchema,
  permission: "catalogue.write",
  run: ({ channel, locations }, actor) => inTransaction((tx) => setChannelLocations(tx, actor, channel, locations)),
  // Sales reads which locations may promise on a channel.
  revalidate: () => ["/admin/channels", "/admin/audit", "/sales"],
});

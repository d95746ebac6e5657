import type { Metadata } from "next";
import { ChannelsScreen } from "@/components/admin/catalogue/channels-screen";
import { areaUser } from "@/lib/server/area";
import { channelLocationMap } from "@/lib/server/catalogue/channel-locations";
import { locations } from "@/lib/server/views/catalogue";

export const metadata: Metadata = { title: "Sales channels · Administration" };

export default async function ChannelsPage() {
  if (!(await areaUser("admin"))) return null;
  const [channels, locationRows] = await Promise.all([channelLocationMap(), locations()]);
  return <ChannelsScreen channels={channels} locations={locationRows.map(({ code, name, kind }) => ({ code, name, kind }))} />;
}

import type { Metadata } from "next";
import { LocationsScreen } from "@/components/admin/catalogue/locations-screen";
import { areaUser } from "@/lib/server/area";
import { locationsAndChannels } from "@/lib/server/views/catalogue";

export const metadata: Metadata = { title: "Locations & channels · Administration" };

export default async function LocationsPage() {
  if (!(await areaUser("admin"))) return null;
  return <LocationsScreen {...await locationsAndChannels()} />;
}

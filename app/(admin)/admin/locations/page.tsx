import type { Metadata } from "next";
import { LocationsScreen } from "@/components/admin/catalogue/locations-screen";
import { areaUser } from "@/lib/server/area";
import { locationBins } from "@/lib/server/catalogue/bins";

export const metadata: Metadata = { title: "Locations & bins · Administration" };

export default async function LocationsPage() {
  if (!(await areaUser("admin"))) return null;
  return <LocationsScreen locations={await locationBins()} />;
}

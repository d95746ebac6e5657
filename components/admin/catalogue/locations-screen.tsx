import type { ChannelRow, LocationRow } from "@/lib/server/views/catalogue";
import { ChannelTable } from "@/components/catalogue/channel-table";
import { LocationTable } from "@/components/catalogue/location-table";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { AddBinsForm } from "./add-bins-form";
import { CreateChannelForm } from "./create-channel-form";
import { CreateLocationForm } from "./create-location-form";

export function LocationsScreen({ locations, channels }: { locations: LocationRow[]; channels: ChannelRow[] }) {
  return (
    <>
      <PageHeader title="Locations & channels" description="Where stock is kept, its bins, and the channels that sell it." />
      <div className="grid gap-6">
        <LocationTable locations={locations} />
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="New location">
            <CreateLocationForm />
          </Card>
          <Card title="Add bins to a location">
            <AddBinsForm locations={locations.map(({ code, name }) => ({ code, name }))} />
          </Card>
        </div>
        <div className="grid gap-6 lg:grid-cols-2">
          <ChannelTable channels={channels} />
          <Card title="New sales channel">
            <CreateChannelForm />
          </Card>
        </div>
      </div>
    </>
  );
}

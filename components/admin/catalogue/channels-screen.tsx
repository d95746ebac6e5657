import type { ChannelLocations } from "@/lib/server/catalogue/channel-locations";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ChannelLocationsForm, type LocationChoice } from "./channel-locations-form";
import { CreateChannelForm } from "./create-channel-form";

type Props = { channels: ChannelLocations[]; locations: LocationChoice[] };

export function ChannelsScreen({ channels, locations }: Props) {
  return (
    <>
      <PageHeader
        title="Sales channels"
        description="The channels that sell stock, and which locations may promise and ship for each. A channel with no locations ticked is served by every location."
      />
      <div className="grid gap-6">
        {channels.length === 0 && <EmptyState title="No sales channels yet." />}
        <div className="grid gap-6 lg:grid-cols-2">
          {channels.map((mapping) => (
            <Card
              key={mapping.channel}
              title={mapping.name}
              description={
                <>
                  <code className="font-mono">{mapping.channel}</code> · served by{" "}
                  {mapping.locations.length === 0 ? "every location" : mapping.locations.join(", ")}
                </>
              }
            >
              {locations.length === 0 ? <p className="text-sm text-muted">Add a location first.</p> : <ChannelLocationsForm mapping={mapping} locations={locations} />}
            </Card>
          ))}
        </div>
        <Card title="New sales channel">
          <CreateChannelForm />
        </Card>
      </div>
    </>
  );
}

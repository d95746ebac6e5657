import Link from "next/link";
import type { ReactNode } from "react";
import type { AdminOverviewData } from "@/lib/server/views/catalogue";
import { ChannelTable } from "@/components/catalogue/channel-table";
import { LocationTable } from "@/components/catalogue/location-table";
import { PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/ui/stat";
import { UserTable } from "./user-table";

function Manage({ href, children }: { href: string; children: ReactNode }) {
  return <Link href={href} className="font-medium text-accent-800 hover:underline">{children}</Link>;
}

export function AdminOverview({ data }: { data: AdminOverviewData }) {
  const activeUsers = data.users.filter((user) => user.active).length;
  return (
    <>
      <PageHeader title="Administration" description="People, places and channels that the rest of Concord builds on." />
      <div className="grid gap-6">
        <dl className="grid gap-4 sm:grid-cols-4">
          <Stat label="Users" value={data.users.length} hint={<>{activeUsers} active · <Manage href="/admin/users">Manage users</Manage></>} />
          <Stat label="Locations" value={data.locations.length} hint={<Manage href="/admin/locations">Manage locations and bins</Manage>} />
          <Stat label="Sales channels" value={data.channels.length} hint={<Manage href="/admin/channels">Manage channels</Manage>} />
          <Stat label="SKUs" value={data.skuCount} hint={<Manage href="/admin/catalogue">Manage SKUs</Manage>} />
        </dl>
        <UserTable users={data.users} />
        <div className="grid gap-6 lg:grid-cols-2">
          <LocationTable locations={data.locations} />
          <ChannelTable channels={data.channels} />
        </div>
      </div>
    </>
  );
}

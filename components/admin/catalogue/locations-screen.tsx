import type { LocationBins } from "@/lib/server/catalogue/bins";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { AddBinsForm } from "./add-bins-form";
import { BinsTable } from "./bins-table";
import { CreateLocationForm } from "./create-location-form";

const units = (n: number) => `${n} ${n === 1 ? "unit" : "units"}`;

function summary(location: LocationBins): string {
  const inBins = location.bins.reduce((total, bin) => total + bin.total, 0);
  const empty = location.bins.filter((bin) => bin.total === 0).length;
  const parts = [
    location.kind === "warehouse" ? "Warehouse" : "Store",
    `${location.bins.length} ${location.bins.length === 1 ? "bin" : "bins"}${empty > 0 ? ` (${empty} empty)` : ""}`,
    `${units(inBins)} in bins`,
  ];
  if (location.unbinned.total > 0) parts.push(`${units(location.unbinned.total)} in no bin`);
  return parts.join(" · ");
}

export function LocationsScreen({ locations }: { locations: LocationBins[] }) {
  return (
    <>
      <PageHeader
        title="Locations & bins"
        description="Where stock is kept, each location's bins and what is in them now (units on hand by state). An empty bin can be removed: the history keeps its code, so nothing is lost."
      />
      <div className="grid gap-6">
        {locations.length === 0 && <EmptyState title="No locations yet." />}
        {locations.map((location) => (
          <Card key={location.code} title={`${location.code} · ${location.name}`} description={summary(location)} flush>
            <BinsTable location={location.code} bins={location.bins} />
            <div className="border-t border-line px-5 py-4">
              <AddBinsForm location={location.code} />
            </div>
          </Card>
        ))}
        <Card title="New location">
          <CreateLocationForm />
        </Card>
      </div>
    </>
  );
}

import type { LocationRow } from "@/lib/server/views/catalogue";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { CodeText } from "@/components/ui/code-text";
import { Table, type Column } from "@/components/ui/table";

const COLUMNS: Column<LocationRow>[] = [
  { header: "Code", cell: (location) => <CodeText>{location.code}</CodeText> },
  { header: "Name", cell: (location) => location.name },
  {
    header: "Kind",
    cell: (location) => <Badge tone={location.kind === "warehouse" ? "accent" : "neutral"} className="capitalize">{location.kind}</Badge>,
  },
  {
    header: "Bins",
    cell: (location) =>
      location.bins.length === 0 ? (
        <span className="text-muted">No bins</span>
      ) : (
        <ul aria-label={`Bins at ${location.code}`} className="flex flex-wrap gap-1">
          {location.bins.map((bin) => (
            <li key={bin.id} className="rounded border border-line bg-canvas px-1.5 py-0.5 font-mono text-xs">{bin.code}</li>
          ))}
        </ul>
      ),
  },
];

export function LocationTable({ locations }: { locations: LocationRow[] }) {
  return (
    <Card title="Locations" flush>
      <Table caption="Locations" columns={COLUMNS} rows={locations} rowKey={(location) => location.id} empty="No locations yet." />
    </Card>
  );
}

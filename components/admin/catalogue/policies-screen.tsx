import Link from "next/link";
import type { PolicyLookup } from "@/lib/server/views/catalogue";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { PolicyForm } from "./policy-form";
import { PolicyPicker } from "./policy-picker";

type Props = {
  sku: string;
  location: string;
  locations: { code: string; name: string }[];
  lookup: PolicyLookup | null;
};

function Missing({ lookup, sku, location }: { lookup: Extract<PolicyLookup, { found: false }>; sku: string; location: string }) {
  const what = lookup.missing.map((part) => (part === "sku" ? `no SKU “${sku}”` : `no location “${location}”`)).join(" and ");
  return (
    <EmptyState title={`There is ${what}.`}>
      Check the code, or find it in the <Link href="/admin/catalogue" className="text-accent-800 underline">SKU list</Link>.
    </EmptyState>
  );
}

export function PoliciesScreen({ sku, location, locations, lookup }: Props) {
  return (
    <>
      <PageHeader
        title="Stock policies"
        description="Per SKU and location: safety stock, inspection lead time, channel fences and approval thresholds."
      />
      <div className="grid gap-6">
        <Card title="SKU and location">
          <PolicyPicker sku={sku} location={location} locations={locations} />
        </Card>
        {!lookup && <p className="text-sm text-muted">Enter a SKU code and choose a location to see its policy.</p>}
        {lookup && !lookup.found && (
          <Card title="Policy">
            <Missing lookup={lookup} sku={sku} location={location} />
          </Card>
        )}
        {lookup?.found && (
          <Card
            title={`Policy for ${lookup.sku.code} at ${lookup.location.code}`}
            description={
              <span className="inline-flex flex-wrap items-center gap-2">
                {lookup.sku.name} · {lookup.location.name}
                {lookup.saved ? <Badge tone="positive">Saved</Badge> : <Badge tone="warning">Not set yet: showing defaults</Badge>}
              </span>
            }
          >
            {/* Keyed by the pair so switching SKU or location starts a fresh form with that pair's values. */}
            <PolicyForm key={`${lookup.sku.code}@${lookup.location.code}`} sku={lookup.sku.code} location={lookup.location.code} values={lookup.values} />
          </Card>
        )}
      </div>
    </>
  );
}

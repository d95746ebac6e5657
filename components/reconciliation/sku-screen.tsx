import Link from "next/link";
import { AsOfBanner, AsOfForm } from "@/components/finance/as-of";
import { PageHeader } from "@/components/ui/page-header";
import type { SkuReconciliation } from "@/lib/server/views/reconciliation/sku";
import type { Role } from "@/lib/domain/roles";
import { GapsCard } from "./gaps-card";
import { IdentityCard } from "./identity-card";
import { LocationsCard } from "./locations-card";
import { PeriodsCard } from "./periods-card";

const DESCRIBE = {
  "on-hand-vs-atp": "On hand as the warehouse reads it from the ledger, down to what this channel can promise today (the one ATP formula over the balances), summed over every location; ATP may be negative.",
  "owned-vs-on-hand": "Units finance owns against those in our buildings: the difference is owned stock in motion.",
  "journal-vs-layers": "The journal's inventory and in-transit accounts against the FIFO layers (or the average/standard pool); goods in transit are held at their own cost outside the layers.",
} as const;

export function SkuReconciliationScreen({ view, asOf, role }: { view: SkuReconciliation; asOf: string | null; role: Role }) {
  const path = `/reconciliation/${encodeURIComponent(view.sku.code)}`;
  const company = view.identities.filter((i) => i.location === null);
  const byLocation = view.identities.filter((i) => i.location !== null);
  return (
    <>
      <p className="mb-2 flex gap-4 text-sm">
        <Link href="/reconciliation" className="text-accent-700 hover:underline">← All SKUs</Link>
        <Link href={`/trace/${encodeURIComponent(view.sku.code)}`} className="text-accent-700 hover:underline">Trace every event →</Link>
      </p>
      <PageHeader title={`${view.sku.code} · ${view.sku.name}`} description={`Reconciliation of the warehouse, sales and finance views (${view.sku.method} costing).`} />
      <AsOfBanner asOf={asOf} />
      <div className="mb-6"><AsOfForm action={path} asOf={asOf} /></div>
      <div className="grid gap-6 lg:grid-cols-2">
        {company.map((identity) => (
          <IdentityCard key={`${identity.name}-${identity.channel}`} identity={identity} description={DESCRIBE[identity.name]} />
        ))}
      </div>
      {view.past && view.sku.method !== "fifo" && (
        <p className="mt-3 text-xs text-muted">
          As of a past moment the {view.sku.method} pool and the value held in transit keep no history of their own: they are today&apos;s stored figures
          rolled back by the journal lines since. A wrong stored pool still shows here; a wrong journal line after this moment would not. FIFO layers are
          read from their own moves and are independent at every moment.
        </p>
      )}
      <div className="mt-6 space-y-6">
        <GapsCard gaps={view.gaps} role={role} />
        <LocationsCard identities={byLocation} />
        <PeriodsCard periods={view.periods} />
      </div>
    </>
  );
}

import Link from "next/link";
import type { RebalanceLine } from "@/lib/server/views/warehouse-rebalance";
import { CodeText } from "@/components/ui/code-text";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { CreateTransferButton } from "./create-transfer-button";

export function RebalanceScreen({ lines, coverDays }: { lines: RebalanceLine[]; coverDays: number }) {
  return (
    <>
      <PageHeader
        title="Rebalancing"
        description={`Locations short of a SKU (below safety stock, or a negative ATP for a channel they serve) and where the surplus is: available beyond safety stock, every channel's fence and ${coverDays} days of expected demand. Units already on their way by transfer count against the shortfall.`}
      />
      <section aria-label="Suggested transfers" className="overflow-hidden rounded-lg border border-line bg-surface shadow-xs">
        {lines.length === 0 ? (
          <EmptyState title="No location is short of anything another location can spare." />
        ) : (
          <ul className="divide-y divide-line">
            {lines.map((line) => (
              <li key={`${line.sku}|${line.from}|${line.to}`} className="grid gap-3 px-5 py-3 lg:grid-cols-[minmax(0,1fr)_auto] lg:items-start" data-testid="suggestion" data-sku={line.sku}>
                <div className="min-w-0">
                  <p className="flex flex-wrap items-center gap-2">
                    <Link href={`/warehouse/skus/${line.sku}`} className="text-accent-700 hover:underline"><CodeText>{line.sku}</CodeText></Link>
                    <span className="text-sm">{line.name}</span>
                  </p>
                  <p className="mt-1 text-sm">
                    Move <strong>{line.qty}</strong> from <CodeText>{line.from}</CodeText> to <CodeText>{line.to}</CodeText>.
                  </p>
                  <p className="mt-0.5 text-xs text-muted">
                    {line.to} is short {line.toShort}: {line.reason}. {line.from} can spare {line.fromSurplus} ({line.fromStock.available} available, safety {line.fromStock.safetyStock}
                    {line.fromStock.cover ? `, ${line.fromStock.cover} kept for expected demand` : ""}).{" "}
                    <Link href={`/warehouse/transfers?sku=${line.sku}&from=${line.from}&to=${line.to}&qty=${line.qty}`} className="font-medium text-accent-700 hover:underline">Adjust first</Link>
                  </p>
                </div>
                <CreateTransferButton sku={line.sku} from={line.from} to={line.to} qty={line.qty} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

import Link from "next/link";
import type { RebalanceLine, RebalancePage } from "@/lib/server/views/warehouse-rebalance";
import { COVER_DAYS, COVER_METHOD } from "@/lib/domain/warehouse/cover";
import { Pager } from "@/components/admin/pager";
import { CodeText } from "@/components/ui/code-text";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { CreateTransferButton } from "./create-transfer-button";
import { FeedbackProvider } from "./feedback-slot";
import { ScanBar } from "./scan-bar";
import { WarehouseLive } from "./warehouse-live";
import { IfMayPost } from "@/components/shell/role-provider";

function keptBack(line: RebalanceLine): string {
  const stock = line.fromStock;
  const parts = [`${stock.available} available`, `safety stock ${stock.safetyStock}`];
  const fences = Object.entries(stock.fences).reduce((total, [channel, qty]) => total + Math.max(0, qty - (stock.committed[channel] ?? 0)), 0);
  if (fences > 0) parts.push(`${fences} fenced for channels`);
  parts.push(stock.cover > 0 ? `${stock.cover} kept for the next ${COVER_DAYS} days' forecast demand (${line.fromWeekly} a week)` : `no demand forecast there`);
  return parts.join(", ");
}

function pageHref(scan: string | undefined, page: number): string {
  const params = new URLSearchParams();
  if (scan) params.set("scan", scan);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `/warehouse/rebalance?${search}` : "/warehouse/rebalance";
}

/** `lines` is one page of the suggestions (as the scan narrows them), with how many there are in all. */
export function RebalanceScreen({ lines, scan, asOfEvent }: { lines: RebalancePage; scan?: string; asOfEvent: number }) {
  return (
    <>
      <PageHeader
        title="Rebalancing"
        description="Locations short of a SKU (below safety stock, or a negative ATP for a channel they serve) and where the surplus is. Units already on their way by transfer count against the shortfall."
      />
      <WarehouseLive seq={asOfEvent} />
      <div className="mb-4 grid gap-3 rounded-lg border border-line bg-surface p-4 shadow-xs">
        <p className="text-sm">
          <span className="font-medium">Cover horizon: {COVER_DAYS} days.</span>{" "}
          <span className="text-muted">A location spares only what is left beyond its safety stock, every channel&apos;s unconsumed fence and {COVER_METHOD}.</span>
        </p>
        <ScanBar action="/warehouse/rebalance" label="Scan a SKU or location" value={scan} hint="Enter shows the suggestions for it with the first Ship button ready; Enter again ships it." />
        {scan && (
          <p className="text-sm">
            Showing <CodeText>{scan}</CodeText> only ({lines.total} of {lines.suggested}). <Link href="/warehouse/rebalance" className="font-medium text-accent-700 hover:underline">Show every suggestion</Link>
          </p>
        )}
      </div>
      <FeedbackProvider testId="rebalance-feedback">
        <section aria-label="Suggested transfers" className="overflow-hidden rounded-lg border border-line bg-surface shadow-xs">
          {lines.rows.length === 0 ? (
            <EmptyState title={scan ? `No suggestion for ${scan}.` : "No location is short of anything another location can spare."}>
              {scan ? "Its locations have what they need, or no other location can spare any. Check the code on the Stock screen." : undefined}
            </EmptyState>
          ) : (
            <ul className="divide-y divide-line">
              {lines.rows.map((line, index) => (
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
                      {line.to} is short {line.toShort}: {line.reason}. {line.from} can spare {line.fromSurplus} ({keptBack(line)}).{" "}
                      <Link href={`/warehouse/transfers?sku=${line.sku}&from=${line.from}&to=${line.to}&qty=${line.qty}`} className="font-medium text-accent-700 hover:underline">Adjust first</Link>
                    </p>
                  </div>
                  <IfMayPost type="transfer.ship">
                    <CreateTransferButton sku={line.sku} from={line.from} to={line.to} qty={line.qty} autoFocus={Boolean(scan) && index === 0} />
                  </IfMayPost>
                </li>
              ))}
            </ul>
          )}
          {lines.pageCount > 1 && <Pager page={lines.page} pageCount={lines.pageCount} total={lines.total} noun="suggestions" href={(page) => pageHref(scan, page)} />}
        </section>
      </FeedbackProvider>
    </>
  );
}

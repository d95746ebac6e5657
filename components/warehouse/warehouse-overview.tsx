import Link from "next/link";
import type { WarehouseHome } from "@/lib/server/views/warehouse-home";
import { ageMs, ageText, isStale } from "@/lib/domain/warehouse/age";
import { PageHeader } from "@/components/ui/page-header";
import { ScanBar } from "./scan-bar";
import { WarehouseLive } from "./warehouse-live";

function Tile({ href, title, value, detail, alert, testId }: { href: string; title: string; value: number; detail: string; alert?: boolean; testId?: string }) {
  return (
    <li>
      <Link
        href={href}
        data-testid={testId}
        className={`block h-full rounded-lg border bg-surface px-4 py-3 shadow-xs hover:border-accent-600 focus-visible:border-accent-600 ${alert ? "border-amber-300" : "border-line"}`}
      >
        <span className="block text-sm text-muted">{title}</span>
        <span className={`mt-1 block text-2xl font-semibold tabular-nums ${value === 0 ? "text-slate-400" : ""}`} data-testid={testId ? `${testId}-count` : undefined}>{value}</span>
        <span className={`mt-0.5 block text-xs ${alert ? "font-medium text-amber-800" : "text-muted"}`}>{detail}</span>
      </Link>
    </li>
  );
}

/** The lead's first screen: what must be done next, oldest first, and how long it has waited. */
export function WarehouseOverview({ data, asOfEvent }: { data: WarehouseHome; asOfEvent: number }) {
  return (
    <>
      <PageHeader title="Warehouse overview" description="What is waiting for you, queue by queue. The oldest item sets each queue's age." />
      <WarehouseLive seq={asOfEvent} />
      <div className="mb-6 rounded-lg border border-line bg-surface p-4 shadow-xs">
        <ScanBar action="/warehouse/find" label="Look up a SKU" hint="Shows where every unit of it is, per location and bin." />
      </div>
      <h2 className="mb-2 text-sm font-semibold tracking-wide text-muted uppercase">Work queues</h2>
      <ul className="mb-8 grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-5" aria-label="Work queues">
        {data.queues.map((queue) => {
          const age = queue.oldest ? ageMs(queue.oldest, data.now) : 0;
          return (
            <Tile
              key={queue.key}
              href={`/warehouse/queues/${queue.key}`}
              title={queue.title}
              value={queue.items}
              testId={`queue-${queue.key}`}
              alert={queue.items > 0 && isStale(age)}
              detail={queue.items === 0 ? "Nothing waiting" : `${queue.units} ${queue.units === 1 ? "unit" : "units"} · oldest ${ageText(age)}`}
            />
          );
        })}
        <Tile
          href="/warehouse/transfers"
          title="Transfers to receive"
          value={data.transfers.inFlight}
          testId="queue-transfers"
          alert={data.transfers.overdue > 0}
          detail={data.transfers.inFlight === 0 ? "None in flight" : `${data.transfers.units} units${data.transfers.overdue ? ` · ${data.transfers.overdue} overdue` : ""}`}
        />
      </ul>
      <h2 className="mb-2 text-sm font-semibold tracking-wide text-muted uppercase">Also</h2>
      <ul className="grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-5">
        <Tile href="/warehouse/approvals" title="Counts and releases to approve" value={data.approvalsPending} detail="Decided by a warehouse user other than the requester" />
        <Tile href="/warehouse/rebalance" title="Rebalancing suggestions" value={data.suggestions} detail="Surplus that covers a shortfall" />
        <Tile href="/warehouse/counts" title="Counts due" value={data.countsDue} detail={`SKU × location not counted for ${data.countDueDays} days`} />
      </ul>
    </>
  );
}

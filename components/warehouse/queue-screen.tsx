import Link from "next/link";
import { queueEventType, type QueueDefinition } from "@/lib/domain/warehouse/queues";
import type { QueuePage } from "@/lib/server/views/warehouse-queues";
import { ageMs, ageText, isStale } from "@/lib/domain/warehouse/age";
import { CodeText } from "@/components/ui/code-text";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Badge } from "@/components/ui/badge";
import { Pager } from "@/components/admin/pager";
import { QueueAction } from "./queue-action";
import { FeedbackProvider } from "./feedback-slot";
import { ScanBar } from "./scan-bar";
import { whenText } from "./format";
import { LocationSelect } from "./location-select";
import type { LocationOption } from "@/lib/server/views/warehouse-stock";
import { WarehouseLive } from "./warehouse-live";
import { IfMayPost } from "@/components/shell/role-provider";

type Props = {
  asOfEvent: number;
  queue: QueueDefinition;
  /** One page of the queue, with the count and units of all of it. */
  items: QueuePage;
  scan?: string;
  now: Date;
  locations: LocationOption[];
  /** The location the queue is narrowed to, when it names one that exists. */
  location?: string;
  /** A ?location= that names no location, as asked. */
  unknownLocation?: string;
};

export function QueueScreen({ asOfEvent, queue, items, scan, now, locations, location, unknownLocation }: Props) {
  const base = `/warehouse/queues/${queue.key}`;
  const here = location ? ` at ${location}` : "";
  const pageHref = (page: number) => {
    const params = new URLSearchParams();
    if (location) params.set("location", location);
    if (scan) params.set("scan", scan);
    if (page > 1) params.set("page", String(page));
    const search = params.toString();
    return search ? `${base}?${search}` : base;
  };
  return (
    <>
      <PageHeader
        title={queue.title}
        description={<>{items.total} {items.total === 1 ? "position" : "positions"}, {items.units} units in {[queue.state, ...(queue.also ?? [])].join(" or ")}{here}, oldest first.{queue.approval ? ` ${queue.approval}` : ""}</>}
      />
      <WarehouseLive seq={asOfEvent} />
      <div className="mb-4 rounded-lg border border-line bg-surface p-4 shadow-xs">
        <ScanBar action={base} label="Scan a SKU, bin or document" value={scan} hint="Enter shows what it names here, with the quantity ready; Enter again posts.">
          <LocationSelect locations={locations} value={location} />
        </ScanBar>
        {unknownLocation && (
          <p role="alert" className="mt-2 rounded-md bg-danger-50 px-3 py-2 text-sm text-danger-700">
            No location &apos;{unknownLocation}&apos;. Locations: {locations.map((l) => l.code).join(", ")}.
          </p>
        )}
        {scan && (
          <p className="mt-2 text-sm">
            Showing <CodeText>{scan}</CodeText>{here} only.{" "}
            <Link href={location ? `${base}?location=${encodeURIComponent(location)}` : base} className="font-medium text-accent-700 hover:underline">Show the whole queue{here}</Link>
          </p>
        )}
      </div>
      <FeedbackProvider testId="queue-feedback">
      <section aria-label={queue.title} className="overflow-hidden rounded-lg border border-line bg-surface shadow-xs">
        {items.rows.length === 0 ? (
          <EmptyState title={scan ? `Nothing in this queue for ${scan}${here}.` : `Nothing waiting here${here}.`}>
            {scan ? "Check the code, or look it up on the Stock screen to see where it is." : undefined}
          </EmptyState>
        ) : (
          <ul className="divide-y divide-line">
            {items.rows.map((item, index) => {
              const age = ageMs(item.since, now);
              return (
                <li key={`${item.sku}|${item.location}|${item.bin}|${item.doc}`} className="grid gap-3 px-5 py-3 lg:grid-cols-[minmax(0,1fr)_auto] lg:items-start" data-testid="queue-item" data-sku={item.sku}>
                  <div className="min-w-0">
                    <p className="flex flex-wrap items-center gap-2">
                      <Link href={`/warehouse/skus/${item.sku}`} className="text-accent-700 hover:underline"><CodeText>{item.sku}</CodeText></Link>
                      <span className="truncate text-sm">{item.name}</span>
                      <Badge tone={isStale(age) ? "warning" : "neutral"} title={`Since ${whenText(item.since)}`}>waiting {ageText(age)}</Badge>
                    </p>
                    <p className="mt-1 text-sm text-muted">
                      <strong className="text-ink">{item.qty}</strong> at <CodeText>{item.location}</CodeText>
                      {item.bin && <> · bin <CodeText>{item.bin}</CodeText></>}
                      {item.doc && <> · {queue.docLabel ?? "document"} <CodeText>{item.doc}</CodeText></>}
                      {item.channel && <> · {item.channel}</>}
                      {item.requested > 0 && <> · <span className="text-amber-800">{item.requested} already asked for, waiting for approval</span></>}
                    </p>
                  </div>
                  <IfMayPost type={queueEventType(queue)}>
                    <QueueAction queue={queue} item={item} autoFocus={Boolean(scan) && index === 0} />
                  </IfMayPost>
                </li>
              );
            })}
          </ul>
        )}
        {items.pageCount > 1 && <Pager page={items.page} pageCount={items.pageCount} total={items.total} noun="positions" href={pageHref} />}
      </section>
      </FeedbackProvider>
    </>
  );
}

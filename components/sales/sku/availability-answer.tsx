import type { ChannelOption } from "@/lib/server/views/sales";
import { Badge } from "@/components/ui/badge";
import { Stat } from "@/components/ui/stat";
import { longDay, relativeDay, signed, unitName } from "../format";
import { channelName } from "../labels";
import type { SkuSales } from "./use-sku-sales";

/** The rep's question in one glance: can I promise, how many, and by when for more. */
export function AvailabilityAnswer({ view, channels }: { view: SkuSales; channels: ChannelOption[] }) {
  const { availability, curve, today } = view;
  const channel = channelName(channels, view.channel);
  const uom = unitName(view.sku.uom);
  const best = [...availability.locations].sort((a, b) => b.atp - a.atp)[0];
  const next = curve.find((point) => point.date > today && point.arriving > 0);
  const overdue = availability.incoming.filter((item) => item.overdue);
  const overdueQty = overdue.reduce((total, item) => total + item.qty, 0);
  const incoming = availability.incoming.filter((item) => !item.overdue).reduce((total, item) => total + item.qty, 0);
  const onHand = availability.locations.reduce((total, l) => total + l.onHand, 0);
  const short = availability.locations.filter((l) => l.atp < 0);
  return (
    <section aria-label="Available to promise" className="rounded-lg border border-line bg-surface p-5 shadow-xs">
      <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
        <div>
          <p className="text-sm font-medium text-muted">Available to promise on {channel} today</p>
          <p className="mt-1 flex items-baseline gap-2">
            <span data-testid="atp-today" className={`text-5xl font-semibold tracking-tight tabular-nums ${availability.atp > 0 ? "text-accent-800" : "text-muted"}`}>
              {availability.atp}
            </span>
            <span className="text-lg text-muted">{uom}</span>
            {availability.atp > 0 ? <Badge tone="positive">Can promise</Badge> : <Badge tone="warning">Nothing to promise today</Badge>}
          </p>
        </div>
        <ul className="min-w-64 flex-1 space-y-1 text-sm">
          {best && best.atp > 0 && availability.locations.length > 1 && (
            <li>
              One order line ships from one place: up to <strong className="tabular-nums">{best.atp}</strong> from {best.location} today.
            </li>
          )}
          {next ? (
            <li>
              <strong className="tabular-nums">+{next.arriving}</strong> sellable {relativeDay(today, next.date)} ({longDay(next.date)}), bringing it to{" "}
              <strong className="tabular-nums">{next.atp}</strong>.
            </li>
          ) : (
            <li className="text-muted">Nothing dated arrives within {view.horizonDays} days.</li>
          )}
          {short.map((l) => (
            <li key={l.location} className="font-medium text-danger-700">
              Shortfall at {l.location}: {signed(l.atp)}. More is committed or set aside there than is in stock; it is not covered by another location.
            </li>
          ))}
          {overdueQty > 0 && (
            <li className="text-amber-800">
              {overdueQty} {uom} overdue ({overdue.map((item) => item.ref).join(", ")}): not counted until received.
            </li>
          )}
        </ul>
      </div>
      <dl className="mt-5 grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Stat label="On hand" value={onHand} hint={view.servedBy.length === 1 ? `at ${view.servedBy[0]}` : `at ${view.servedBy.length} locations`} />
        <Stat label="Committed" value={availability.committed} hint="reserved, picked, packed" />
        <Stat label="Incoming" value={incoming} hint={overdueQty ? `${overdueQty} more overdue` : "on order or in transit"} />
        <Stat label="Safety stock" value={availability.safetyStock} hint="never promised" />
      </dl>
    </section>
  );
}

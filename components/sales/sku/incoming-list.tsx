import { Badge } from "@/components/ui/badge";
import { CodeText } from "@/components/ui/code-text";
import { daysFromToday, longDay, plusDays, shortDay } from "../format";
import { incomingLabel } from "../labels";
import type { SkuSales } from "./use-sku-sales";

type Item = SkuSales["availability"]["incoming"][number];

function when(item: Item, today: string, horizonEnd: string) {
  if (item.overdue) {
    return (
      <p className="text-amber-800">
        Was due {shortDay(item.eta!)} ({daysFromToday(item.eta!, today)} days ago) and has not arrived. Not counted until it is received.
      </p>
    );
  }
  if (!item.availableOn) return <p className="text-muted">No arrival date yet, so not counted.</p>;
  const inspection = item.eta && item.eta !== item.availableOn ? ` (arrives ${shortDay(item.eta)}, then inspection)` : "";
  const beyond = item.availableOn > horizonEnd ? "; beyond what the chart shows" : "";
  return (
    <p className="text-muted">
      Sellable {longDay(item.availableOn)}
      {inspection}
      {beyond}
    </p>
  );
}

/** A rep reads the next few receipts; the rest are summed, so a SKU with dozens of open POs keeps a short page. */
const SHOWN = 8;

/** Each receipt the curve steps on, and the ones it leaves out, in words. */
export function IncomingList({ view }: { view: SkuSales }) {
  const items = view.availability.incoming;
  const horizonEnd = plusDays(view.today, view.horizonDays);
  if (items.length === 0) return <p className="text-sm text-muted">Nothing on order or in transit to the locations serving this channel.</p>;
  // Overdue ones first: they are what to chase; then the soonest.
  const ordered = [...items.filter((item) => item.overdue), ...items.filter((item) => !item.overdue)];
  const rest = ordered.slice(SHOWN);
  return (
    <ul className="divide-y divide-line text-sm" aria-label="Incoming stock">
      {ordered.slice(0, SHOWN).map((item) => (
        <li key={`${item.location}-${item.ref}`} className="py-2.5 first:pt-0 last:pb-0" data-testid="incoming">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <span className="font-semibold tabular-nums">+{item.qty}</span>
            <CodeText>{item.ref}</CodeText>
            <span className="text-xs text-muted">→ {item.location}</span>
            {item.overdue ? <Badge tone="warning">Overdue</Badge> : <Badge tone="info">{incomingLabel(item.state)}</Badge>}
          </div>
          {when(item, view.today, horizonEnd)}
        </li>
      ))}
      {rest.length > 0 && (
        <li className="py-2.5 last:pb-0 text-muted" data-testid="incoming-more">
          and {rest.length} more document{rest.length === 1 ? "" : "s"}, {rest.reduce((total, item) => total + item.qty, 0)} units in all, the last
          sellable {rest.at(-1)?.availableOn ? shortDay(rest.at(-1)!.availableOn!) : "on a date not yet known"}.
        </li>
      )}
    </ul>
  );
}

import { Money, moneyText } from "@/components/finance/money";
import type { ViewNumbers } from "@/lib/server/views/trace-types";

/** A signed change: "+4", "−2", or a quiet dash when nothing moved. */
export function Delta({ value }: { value: number }) {
  if (value === 0) return <span className="text-muted">·</span>;
  return <span className={`font-medium tabular-nums ${value < 0 ? "text-danger-700" : "text-emerald-700"}`}>{value > 0 ? `+${value}` : `−${-value}`}</span>;
}

function MoneyDelta({ value }: { value: string }) {
  if (/^-?0\.00$/.test(value)) return <span className="text-muted">·</span>;
  const negative = value.startsWith("-");
  return <span className={`font-medium whitespace-nowrap tabular-nums ${negative ? "text-danger-700" : "text-emerald-700"}`}>{negative ? moneyText(value) : `+${moneyText(value)}`}</span>;
}

const FIGURES: { view: string; label: string; pick: (n: ViewNumbers) => number | string; money?: boolean }[] = [
  { view: "Warehouse", label: "On hand", pick: (n) => n.warehouse.onHand },
  { view: "Warehouse", label: "Usable", pick: (n) => n.warehouse.usable },
  { view: "Sales", label: "Available", pick: (n) => n.sales.available },
  { view: "Sales", label: "Committed", pick: (n) => n.sales.committed },
  { view: "Sales", label: "Incoming", pick: (n) => n.sales.incoming },
  { view: "Finance", label: "Owned", pick: (n) => n.finance.owned },
  { view: "Finance", label: "Value", pick: (n) => n.finance.value, money: true },
];

/** Each view's figures: the change this event made, and the number after it. */
export function ViewEffects({ effect, after }: { effect: ViewNumbers; after: ViewNumbers }) {
  return (
    <dl className="grid grid-cols-3 gap-x-4 gap-y-1.5 rounded-md bg-canvas px-3 py-2 text-xs sm:grid-cols-7" data-testid="trace-effects">
      {FIGURES.map((figure) => (
        <div key={figure.label} className="min-w-0">
          <dt className="text-muted">
            <span className="sr-only">{figure.view} </span>
            {figure.label}
          </dt>
          <dd className="flex items-baseline gap-1.5">
            {figure.money ? <MoneyDelta value={String(figure.pick(effect))} /> : <Delta value={Number(figure.pick(effect))} />}
            <span className="text-muted">→</span>
            {figure.money ? <Money value={String(figure.pick(after))} /> : <span className="tabular-nums">{figure.pick(after)}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}

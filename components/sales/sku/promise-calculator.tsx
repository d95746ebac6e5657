"use client";

import { useId, useState, type FormEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { CodeText } from "@/components/ui/code-text";
import { inputClass } from "@/components/admin/form/field";
import { longDay, relativeDay, shortDay } from "../format";
import { QtyText } from "../qty-text";
import type { SkuSales } from "./use-sku-sales";

type Promise_ = NonNullable<SkuSales["promise"]>;
type LocationPromise = Promise_["locations"][number];

function Relies({ promise }: { promise: LocationPromise }) {
  if (!promise.relies.length) return <p className="text-sm text-muted">From stock on hand; no receipt needed.</p>;
  return (
    <div className="text-sm">
      <p className="text-muted">Relies on {promise.relies.length === 1 ? "this receipt" : `these ${promise.relies.length} receipts`} arriving on time:</p>
      <ul className="mt-1 space-y-0.5">
        {promise.relies.map((item) => (
          <li key={item.ref} className="flex flex-wrap items-baseline gap-x-2">
            <CodeText>{item.ref}</CodeText>
            <span className="tabular-nums">+{item.qty}</span>
            <span className="text-muted">sellable {item.availableOn ? shortDay(item.availableOn) : "—"}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Answer({ promise, today, horizonDays }: { promise: Promise_; today: string; horizonDays: number }) {
  const { best } = promise;
  return (
    <div className="grid gap-3" data-testid="promise-answer">
      {best?.date ? (
        <div>
          <p className="text-lg font-semibold">
            {best.date <= today ? "Yes, today" : `${longDay(best.date)}`}{" "}
            <span className="text-base font-normal text-muted">
              {best.date > today && `(${relativeDay(today, best.date)}) `}from <span className="whitespace-nowrap">{best.location}</span>
            </span>
          </p>
          <Relies promise={best} />
        </div>
      ) : (
        <p className="text-lg font-semibold text-danger-700">
          Cannot promise {promise.qty} within {horizonDays} days: {promise.missing} missing.
        </p>
      )}
      {promise.locations.length > 1 && (
        <ul className="divide-y divide-line rounded-md border border-line text-sm">
          {promise.locations.map((l) => (
            <li key={l.location} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
              <CodeText>{l.location}</CodeText>
              <span className="text-muted">
                <QtyText value={l.atpToday} /> today
              </span>
              {l.date ? (
                <Badge tone={l.date <= today ? "positive" : "info"}>{l.date <= today ? "today" : shortDay(l.date)}</Badge>
              ) : (
                <Badge tone="warning">short {l.shortBy}</Badge>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Quantity → the earliest date and location, from the dated ATP curve. */
export function PromiseCalculator({ view, qty, checking, onCheck }: { view: SkuSales; qty: number | null; checking: boolean; onCheck: (qty: number | null) => void }) {
  const id = useId();
  const [text, setText] = useState(qty ? String(qty) : "");
  const [problem, setProblem] = useState<string | null>(null);
  function submit(event: FormEvent) {
    event.preventDefault();
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) {
      setProblem("Enter a whole number of units, 1 or more.");
      return;
    }
    setProblem(null);
    onCheck(value);
  }
  const promise = view.promise && view.promise.qty === qty ? view.promise : null;
  return (
    <div className="grid gap-4">
      <form onSubmit={submit} noValidate className="flex items-end gap-2" aria-label="Promise calculator">
        <div className="w-32 min-w-0">
          <label htmlFor={id} className="block text-sm font-medium">Units wanted</label>
          <input id={id} type="number" inputMode="numeric" min={1} step={1} value={text} onChange={(e) => setText(e.target.value)} className={inputClass} aria-invalid={problem ? true : undefined} />
        </div>
        <button type="submit" className="rounded-md border border-line bg-surface px-4 py-2 text-sm font-medium whitespace-nowrap hover:bg-canvas">
          Check
        </button>
      </form>
      {problem && <p role="alert" className="text-sm text-danger-700">{problem}</p>}
      {checking && <p className="text-sm text-muted" aria-live="polite">Checking…</p>}
      {!checking && promise && <Answer promise={promise} today={view.today} horizonDays={view.horizonDays} />}
      {!qty && !problem && <p className="text-sm text-muted">The earliest day each location can ship that many, with the receipts it counts on.</p>}
    </div>
  );
}

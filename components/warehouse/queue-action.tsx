"use client";

import { useState, type FormEvent } from "react";
import { queueEvent, type QueueDefinition, type QueueItem, type QueueKey } from "@/lib/domain/warehouse/queues";
import { controlClass } from "@/components/admin/form/field";
import { useReport } from "./feedback-slot";
import { useWarehouseEvent } from "./use-warehouse-event";
import { focusScan } from "./scan-bar";

/** The action in place on one queue item: how many, the choice (result, FOB term), and post. */
export function QueueAction({ queue, item, autoFocus }: { queue: QueueDefinition; item: QueueItem; autoFocus?: boolean }) {
  const waiting = item.qty - item.requested;
  const [qty, setQty] = useState(String(Math.max(waiting, 0) || item.qty));
  const [choice, setChoice] = useState(queue.choices?.options[0].value ?? "");
  const [reason, setReason] = useState("");
  const [bin, setBin] = useState("");
  const report = useReport();
  const { submit, pending } = useWarehouseEvent({
    onDone: (result) => {
      report(result);
      if (result.tone !== "error") focusScan();
    },
  });
  const id = `${queue.key}-${item.sku}-${item.location}-${item.bin}-${item.doc}`.replace(/[^A-Za-z0-9-]/g, "_");

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    // Not a number becomes null on the wire, and the schema says "must be a whole number".
    submit(queueEvent(queue.key as QueueKey, item, Number(qty.trim() || "0"), { choice: choice || undefined, reason, bin }));
  }

  return (
    <form onSubmit={onSubmit} aria-label={`${queue.verb} ${item.sku}${item.bin ? ` in ${item.bin}` : ""}${item.doc ? ` on ${item.doc}` : ""}`} className="grid gap-2">
      <div className="flex flex-wrap items-end gap-2">
        <label className="text-xs font-medium text-muted" htmlFor={`${id}-qty`}>
          Qty
          <input
            id={`${id}-qty`}
            inputMode="numeric"
            value={qty}
            onChange={(e) => setQty(e.target.value)}
            autoFocus={autoFocus}
            onFocus={(e) => e.currentTarget.select()}
            className={`mt-0.5 w-20 ${controlClass} py-1.5 text-right`}
          />
        </label>
        {queue.choices && (
          <label className="text-xs font-medium text-muted" htmlFor={`${id}-choice`}>
            {queue.choices.label}
            <select id={`${id}-choice`} value={choice} onChange={(e) => setChoice(e.target.value)} className={`mt-0.5 ${controlClass} py-1.5`}>
              {queue.choices.options.map((option) => (
                <option key={option.value} value={option.value}>{option.label}</option>
              ))}
            </select>
          </label>
        )}
        {queue.intoBin && (
          <label className="text-xs font-medium text-muted" htmlFor={`${id}-bin`}>
            Into bin
            <input id={`${id}-bin`} value={bin} onChange={(e) => setBin(e.target.value)} placeholder="DOCK" autoComplete="off" spellCheck={false} className={`mt-0.5 w-24 ${controlClass} py-1.5 font-mono`} />
          </label>
        )}
        {queue.approval && (
          <label className="text-xs font-medium text-muted" htmlFor={`${id}-reason`}>
            Reason
            <input id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Why" className={`mt-0.5 w-40 ${controlClass} py-1.5`} />
          </label>
        )}
        <button type="submit" disabled={pending} aria-busy={pending} className="rounded-md bg-accent-700 px-3 py-1.5 text-sm font-medium whitespace-nowrap text-white hover:bg-accent-800 disabled:opacity-70">
          {pending ? "Posting…" : queue.verb}
        </button>
      </div>
    </form>
  );
}

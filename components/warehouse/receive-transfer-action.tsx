"use client";

import { useState, type FormEvent } from "react";
import type { InFlightTransfer } from "@/lib/server/views/warehouse-transfers";
import { controlClass } from "@/components/admin/form/field";
import { useReport } from "./feedback-slot";
import { FLIGHT_SCAN_ID, focusScan } from "./scan-bar";
import { useWarehouseEvent } from "./use-warehouse-event";

/** Receive a transfer at its target: into RECEIVING (to inspect) or straight to AVAILABLE. */
export function ReceiveTransferAction({ transfer, autoFocus }: { transfer: InFlightTransfer; autoFocus?: boolean }) {
  const [qty, setQty] = useState(String(transfer.qty));
  const [into, setInto] = useState<string>(transfer.receiveInto);
  const [bin, setBin] = useState("");
  const report = useReport();
  const { submit, pending } = useWarehouseEvent({
    onDone: (result) => {
      report(result);
      focusScan(FLIGHT_SCAN_ID);
    },
  });
  const id = `receive-${transfer.ref}-${transfer.sku}`.replace(/[^A-Za-z0-9-]/g, "_");

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    submit({ type: "transfer.receive", sku: transfer.sku, location: transfer.to, transfer: transfer.ref, qty: Number(qty.trim() || "0"), toState: into, ...(bin.trim() ? { bin } : {}) });
  }

  return (
    <form onSubmit={onSubmit} aria-label={`Receive ${transfer.ref} ${transfer.sku} at ${transfer.to}`} className="grid gap-2">
      <div className="flex flex-wrap items-end gap-2">
        <label htmlFor={`${id}-qty`} className="text-xs font-medium text-muted">
          Qty
          <input id={`${id}-qty`} inputMode="numeric" autoFocus={autoFocus} value={qty} onChange={(e) => setQty(e.target.value)} onFocus={(e) => e.currentTarget.select()} className={`mt-0.5 w-20 ${controlClass} py-1.5 text-right`} />
        </label>
        <label htmlFor={`${id}-into`} className="text-xs font-medium text-muted">
          Into
          <select id={`${id}-into`} value={into} onChange={(e) => setInto(e.target.value)} className={`mt-0.5 ${controlClass} py-1.5`}>
            <option value="RECEIVING">Receiving (inspect first)</option>
            <option value="AVAILABLE">Available</option>
          </select>
        </label>
        <label htmlFor={`${id}-bin`} className="text-xs font-medium text-muted">
          Bin
          <input id={`${id}-bin`} value={bin} onChange={(e) => setBin(e.target.value)} placeholder="optional" autoComplete="off" className={`mt-0.5 w-24 ${controlClass} py-1.5 font-mono`} />
        </label>
        <button type="submit" disabled={pending} aria-busy={pending} className="rounded-md bg-accent-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-800 disabled:opacity-70">
          {pending ? "Receiving…" : "Receive"}
        </button>
      </div>
    </form>
  );
}

"use client";

import { useState } from "react";
import { newTransferRef } from "@/lib/domain/warehouse/transfers";
import { useReport } from "./feedback-slot";
import { focusScan } from "./scan-bar";
import { useWarehouseEvent } from "./use-warehouse-event";

const TRANSIT_DAYS = 3;

/**
 * One action: the suggested transfer shipped as suggested, with an ETA a few
 * days out. The answer goes above the list (the row leaves it once shipped) and
 * the cursor back to the scan field.
 */
export function CreateTransferButton({ sku, from, to, qty, autoFocus }: { sku: string; from: string; to: string; qty: number; autoFocus?: boolean }) {
  const [ref] = useState(() => newTransferRef(new Date()));
  const report = useReport();
  const { submit, pending, feedback } = useWarehouseEvent({
    onDone: (result) => {
      report(result);
      focusScan();
    },
  });
  const done = feedback?.tone === "success";
  return (
    <button
      type="button"
      autoFocus={autoFocus}
      disabled={pending || done}
      aria-busy={pending}
      aria-label={`Ship ${qty} ${sku} from ${from} to ${to}`}
      onClick={() =>
        submit({ type: "transfer.ship", sku, location: from, toLocation: to, qty, transfer: ref, eta: new Date(Date.now() + TRANSIT_DAYS * 86_400_000).toISOString() })
      }
      className="justify-self-start rounded-md bg-accent-700 px-3 py-1.5 text-sm font-medium whitespace-nowrap text-white hover:bg-accent-800 disabled:opacity-70 lg:justify-self-end"
    >
      {pending ? "Shipping…" : done ? "Shipped" : `Ship ${qty} → ${to}`}
    </button>
  );
}

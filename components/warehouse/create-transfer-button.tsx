"use client";

import { useState } from "react";
import { newTransferRef } from "@/lib/domain/warehouse/transfers";
import { FeedbackLine } from "./feedback-line";
import { useWarehouseEvent } from "./use-warehouse-event";

const TRANSIT_DAYS = 3;

/** One action: the suggested transfer shipped as suggested, with an ETA a few days out. */
export function CreateTransferButton({ sku, from, to, qty }: { sku: string; from: string; to: string; qty: number }) {
  const [ref] = useState(() => newTransferRef(new Date()));
  const { submit, pending, feedback } = useWarehouseEvent();
  const done = feedback?.tone === "success";
  return (
    <div className="grid justify-items-end gap-2">
      <button
        type="button"
        disabled={pending || done}
        aria-busy={pending}
        onClick={() =>
          submit({ type: "transfer.ship", sku, location: from, toLocation: to, qty, transfer: ref, eta: new Date(Date.now() + TRANSIT_DAYS * 86_400_000).toISOString() })
        }
        className="rounded-md bg-accent-700 px-3 py-1.5 text-sm font-medium whitespace-nowrap text-white hover:bg-accent-800 disabled:opacity-70"
      >
        {pending ? "Shipping…" : done ? "Shipped" : `Ship ${qty} → ${to}`}
      </button>
      <FeedbackLine feedback={feedback} />
    </div>
  );
}

"use client";

import { useState, type FormEvent } from "react";
import { newTransferRef } from "@/lib/domain/warehouse/transfers";
import { Field, errorsFor, inputClass } from "@/components/admin/form/field";
import { FeedbackLine } from "@/components/forms/feedback-line";
import { SCAN_ID, focusScan } from "./scan-bar";
import { useWarehouseEvent } from "./use-warehouse-event";

type Location = { code: string; name: string };

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Ship units of one SKU to another location: AVAILABLE here → TRANSFER_TRANSIT at the target, with an ETA. */
type Props = { locations: Location[]; initial?: { sku?: string; from?: string; to?: string; qty?: number }; autoFocus?: boolean };

export function ShipTransferForm({ locations, initial, autoFocus = true }: Props) {
  const [ref, setRef] = useState(() => newTransferRef(new Date()));
  const { submit, pending, feedback } = useWarehouseEvent({
    onDone: (result) => {
      if (result.tone !== "error") {
        setRef(newTransferRef(new Date()));
        const form = document.getElementById("ship-transfer") as HTMLFormElement | null;
        if (form) {
          (form.elements.namedItem("sku") as HTMLInputElement).value = "";
          (form.elements.namedItem("qty") as HTMLInputElement).value = "";
        }
      }
      focusScan();
    },
  });
  const fields = feedback?.fields ?? {};

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? "").trim();
    submit({
      type: "transfer.ship",
      sku: value("sku"),
      location: value("from"),
      toLocation: value("to"),
      qty: Number(value("qty") || "0"),
      transfer: value("transfer"),
      ...(value("bin") ? { bin: value("bin") } : {}),
      ...(value("eta") ? { eta: `${value("eta")}T00:00:00Z` } : {}),
    });
  }

  const from = initial?.from ?? locations[0]?.code;
  const to = initial?.to ?? locations.find((l) => l.code !== from)?.code;
  return (
    <form id="ship-transfer" onSubmit={onSubmit} noValidate aria-label="Ship a transfer" className="grid gap-4">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Field label="SKU" htmlFor={SCAN_ID} errors={errorsFor(fields, "sku")}>
          <input id={SCAN_ID} name="sku" defaultValue={initial?.sku} autoFocus={autoFocus} autoComplete="off" spellCheck={false} placeholder="Scan or type" className={`${inputClass} font-mono`} />
        </Field>
        <Field label="Quantity" htmlFor="transfer-qty" errors={errorsFor(fields, "qty")}>
          <input id="transfer-qty" name="qty" inputMode="numeric" defaultValue={initial?.qty} autoComplete="off" className={inputClass} />
        </Field>
        <Field label="From" htmlFor="transfer-from" errors={errorsFor(fields, "location")}>
          <select id="transfer-from" name="from" defaultValue={from} className={inputClass}>
            {locations.map((l) => <option key={l.code} value={l.code}>{`${l.code} · ${l.name}`}</option>)}
          </select>
        </Field>
        <Field label="To" htmlFor="transfer-to" errors={errorsFor(fields, "toLocation")}>
          <select id="transfer-to" name="to" defaultValue={to} className={inputClass}>
            {locations.map((l) => <option key={l.code} value={l.code}>{`${l.code} · ${l.name}`}</option>)}
          </select>
        </Field>
        <Field label="From bin" htmlFor="transfer-bin" errors={errorsFor(fields, "bin")} hint="Blank: the fullest bins first">
          <input id="transfer-bin" name="bin" autoComplete="off" spellCheck={false} className={`${inputClass} font-mono`} />
        </Field>
        <Field label="ETA" htmlFor="transfer-eta" errors={errorsFor(fields, "eta")}>
          <input id="transfer-eta" name="eta" type="date" defaultValue={inDays(3)} className={inputClass} />
        </Field>
        <Field label="Transfer id" htmlFor="transfer-ref" errors={errorsFor(fields, "transfer")}>
          <input id="transfer-ref" name="transfer" value={ref} onChange={(e) => setRef(e.target.value)} autoComplete="off" className={`${inputClass} font-mono`} />
        </Field>
        <div className="flex items-end">
          <button type="submit" disabled={pending} aria-busy={pending} className="mt-1 w-full rounded-md bg-accent-700 px-4 py-2 text-sm font-medium text-white hover:bg-accent-800 disabled:opacity-70">
            {pending ? "Shipping…" : "Ship transfer"}
          </button>
        </div>
      </div>
      <FeedbackLine feedback={feedback} testId="transfer-feedback" />
    </form>
  );
}

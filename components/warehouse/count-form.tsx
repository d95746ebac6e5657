"use client";

import type { FormEvent } from "react";
import { Field, errorsFor, inputClass } from "@/components/admin/form/field";
import { FeedbackLine } from "@/components/forms/feedback-line";
import { SCAN_ID, focusScan } from "./scan-bar";
import { useWarehouseEvent } from "./use-warehouse-event";

/**
 * Record a cycle count: what is physically in the bin (or at the location). The
 * variance against the ledger posts at once within tolerance; beyond it, another
 * warehouse user approves it first.
 */
export function CountForm({ locations }: { locations: { code: string; name: string }[] }) {
  const { submit, pending, feedback } = useWarehouseEvent({
    onDone: (result) => {
      const form = document.getElementById("count-form") as HTMLFormElement | null;
      if (form && result.tone !== "error") {
        (form.elements.namedItem("sku") as HTMLInputElement).value = "";
        (form.elements.namedItem("countedQty") as HTMLInputElement).value = "";
      }
      focusScan();
    },
  });
  const fields = feedback?.fields ?? {};

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? "").trim();
    const counted = value("countedQty");
    submit({
      type: "count",
      sku: value("sku"),
      location: value("location"),
      countedQty: counted === "" ? Number.NaN : Number(counted),
      ...(value("bin") ? { bin: value("bin") } : {}),
      reason: "Cycle count",
    });
  }

  return (
    <form id="count-form" onSubmit={onSubmit} noValidate aria-label="Record a count" className="grid gap-4">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        <Field label="SKU" htmlFor={SCAN_ID} errors={errorsFor(fields, "sku")}>
          <input id={SCAN_ID} name="sku" autoFocus autoComplete="off" spellCheck={false} placeholder="Scan or type" className={`${inputClass} font-mono`} />
        </Field>
        <Field label="Location" htmlFor="count-location" errors={errorsFor(fields, "location")}>
          <select id="count-location" name="location" className={inputClass}>
            {locations.map((l) => <option key={l.code} value={l.code}>{`${l.code} · ${l.name}`}</option>)}
          </select>
        </Field>
        <Field label="Bin" htmlFor="count-bin" errors={errorsFor(fields, "bin")} hint="Blank: the whole location, every bin">
          <input id="count-bin" name="bin" autoComplete="off" spellCheck={false} className={`${inputClass} font-mono`} />
        </Field>
        <Field label="Counted" htmlFor="count-qty" errors={errorsFor(fields, "countedQty")}>
          <input id="count-qty" name="countedQty" inputMode="numeric" autoComplete="off" className={inputClass} />
        </Field>
        <div className="flex items-end">
          <button type="submit" disabled={pending} aria-busy={pending} className="mt-1 w-full rounded-md bg-accent-700 px-4 py-2 text-sm font-medium text-white hover:bg-accent-800 disabled:opacity-70">
            {pending ? "Recording…" : "Record count"}
          </button>
        </div>
      </div>
      <FeedbackLine feedback={feedback} testId="count-feedback" />
    </form>
  );
}

"use client";

import type { FormEvent } from "react";
import { financeEventAction } from "@/app/actions/finance-actions";
import { Field, errorsFor, inputClass, invalidProps } from "@/components/admin/form/field";
import { FeedbackLine } from "@/components/forms/feedback-line";
import { useEventForm } from "@/components/forms/use-event-form";

/** One input of a finance form; `kind` says how its text becomes the event's value. */
export type FormField = {
  name: string;
  label: string;
  kind: "text" | "code" | "qty" | "money" | "date" | "select";
  options?: { value: string; label: string }[];
  hint?: string;
  defaultValue?: string;
  /** Kept after a posting (the PO number and supplier for the PO's next line); the others clear. */
  keep?: boolean;
};

/** The event's value for a field's text: blank fields are left out, so the ledger names what is missing. */
function valueOf(field: FormField, text: string): unknown {
  if (text === "") return field.kind === "qty" ? Number.NaN : undefined;
  if (field.kind === "qty") return /^\d+$/.test(text) ? Number(text) : Number.NaN;
  // A day is business time in UTC (lib/domain/periods.ts): its start.
  if (field.kind === "date") return /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text;
  return text;
}

/**
 * A form that posts one finance event through the ledger, once per submission
 * (its idempotency key), and says what happened: posted with its event number,
 * waiting for an approver, or refused with the field at fault.
 */
export function EventForm({ id, type, fields, submitLabel }: { id: string; type: string; fields: FormField[]; submitLabel: string }) {
  const { submit, pending, feedback } = useEventForm(financeEventAction, {
    onDone: (result) => {
      const form = document.getElementById(id) as HTMLFormElement | null;
      if (!form || result.tone === "error") return;
      for (const field of fields) {
        const control = form.elements.namedItem(field.name) as HTMLInputElement | HTMLSelectElement | null;
        if (control && !field.keep && field.kind !== "select") control.value = "";
      }
    },
  });
  const errors = feedback?.fields ?? {};

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values = Object.fromEntries(fields.map((field) => [field.name, valueOf(field, String(form.get(field.name) ?? "").trim())]).filter(([, value]) => value !== undefined));
    submit({ type, ...values });
  }

  return (
    <form id={id} onSubmit={onSubmit} noValidate aria-label={submitLabel} className="grid gap-4">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {fields.map((field) => {
          const controlId = `${id}-${field.name}`;
          const fieldErrors = errorsFor(errors, field.name);
          const common = { id: controlId, name: field.name, defaultValue: field.defaultValue, ...invalidProps(controlId, fieldErrors) };
          return (
            <Field key={field.name} label={field.label} htmlFor={controlId} errors={fieldErrors} hint={field.hint}>
              {field.kind === "select" ? (
                <select {...common} className={inputClass}>
                  {field.options?.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
                </select>
              ) : (
                <input
                  {...common}
                  type={field.kind === "date" ? "date" : "text"}
                  inputMode={field.kind === "qty" ? "numeric" : field.kind === "money" ? "decimal" : undefined}
                  autoComplete="off"
                  spellCheck={false}
                  placeholder={field.kind === "money" ? "0.00" : undefined}
                  className={`${inputClass} ${field.kind === "code" ? "font-mono" : ""} ${field.kind === "qty" || field.kind === "money" ? "tabular-nums" : ""}`}
                />
              )}
            </Field>
          );
        })}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} aria-busy={pending} className="rounded-md bg-accent-700 px-4 py-2 text-sm font-medium text-white hover:bg-accent-800 disabled:opacity-70">
          {pending ? "Posting…" : submitLabel}
        </button>
      </div>
      <FeedbackLine feedback={feedback} testId={`${id}-feedback`} />
    </form>
  );
}

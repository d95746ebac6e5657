"use client";

import { addBinsAction } from "@/app/actions/admin-actions";
import { errorsFor, controlClass, invalidProps } from "../form/field";
import { FormStatus } from "../form/form-status";
import { SubmitButton } from "../form/submit-button";
import { codeList, useActionForm } from "../form/use-action-form";

/** Bins already at the location are skipped, so re-entering a list is harmless. */
export function AddBinsForm({ location }: { location: string }) {
  const toInput = (form: FormData) => ({ code: location, bins: codeList(form, "bins") });
  const { onSubmit, pending, result, fields, failed } = useActionForm({ action: addBinsAction, toInput });
  const errors = [...errorsFor(fields, "bins"), ...errorsFor(fields, "code")];
  const id = `add-bins-${location}`;
  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Add bins at ${location}`} className="grid gap-2">
      <div className="flex flex-wrap items-end gap-3">
        <label htmlFor={id} className="min-w-56 flex-1 text-sm font-medium">
          Add bins
          <input id={id} name="bins" autoComplete="off" spellCheck={false} placeholder="B-01, B-02" className={`mt-1 font-mono ${controlClass}`} {...invalidProps(id, errors)} />
        </label>
        <SubmitButton pending={pending} pendingText="Adding…" tone="secondary">Add bins</SubmitButton>
      </div>
      {errors.length > 0 ? (
        <p id={`${id}-error`} className="text-xs text-danger-700">{errors.join("; ")}</p>
      ) : (
        <p className="text-xs text-muted">Comma-separated codes; ones {location} has already are skipped.</p>
      )}
      <FormStatus
        result={result}
        failed={failed}
        success={({ added }) => (added.length === 0 ? `${location} has those bins already; nothing was added.` : `Added ${added.join(", ")} to ${location}.`)}
      />
    </form>
  );
}

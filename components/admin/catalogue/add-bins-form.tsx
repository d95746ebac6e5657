"use client";

import { addBinsAction } from "@/app/actions/admin-actions";
import { Field, errorsFor, inputClass, invalidProps } from "../form/field";
import { FormStatus } from "../form/form-status";
import { SubmitButton } from "../form/submit-button";
import { codeList, text, useActionForm } from "../form/use-action-form";

const toInput = (form: FormData) => ({ code: text(form, "code"), bins: codeList(form, "bins") });

/** Bins already at the location are skipped, so re-entering a list is harmless. */
export function AddBinsForm({ locations }: { locations: { code: string; name: string }[] }) {
  const { onSubmit, pending, result, fields, failed } = useActionForm({ action: addBinsAction, toInput });
  const binErrors = errorsFor(fields, "bins");
  const codeErrors = errorsFor(fields, "code");
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Add bins" className="grid gap-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Location" htmlFor="add-bins-location" errors={codeErrors}>
          <select id="add-bins-location" name="code" defaultValue="" className={inputClass} {...invalidProps("add-bins-location", codeErrors)}>
            <option value="" disabled>Choose a location…</option>
            {locations.map((location) => (
              <option key={location.code} value={location.code}>{`${location.code} · ${location.name}`}</option>
            ))}
          </select>
        </Field>
        <Field label="New bins" htmlFor="add-bins-bins" errors={binErrors} hint="Comma-separated: B-01, B-02">
          <input id="add-bins-bins" name="bins" autoComplete="off" className={inputClass} {...invalidProps("add-bins-bins", binErrors)} />
        </Field>
      </div>
      <FormStatus result={result} failed={failed} success={() => "Bins added."} />
      <div>
        <SubmitButton pending={pending}>Add bins</SubmitButton>
      </div>
    </form>
  );
}

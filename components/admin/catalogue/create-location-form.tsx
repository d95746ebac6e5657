"use client";

import { createLocationAction } from "@/app/actions/admin-actions";
import { Field, errorsFor, inputClass, invalidProps } from "../form/field";
import { FormStatus } from "../form/form-status";
import { SubmitButton } from "../form/submit-button";
import { codeList, text, useActionForm } from "../form/use-action-form";

const toInput = (form: FormData) => ({ code: text(form, "code"), name: text(form, "name"), kind: text(form, "kind"), bins: codeList(form, "bins") });

export function CreateLocationForm() {
  const { onSubmit, pending, result, fields, failed } = useActionForm({ action: createLocationAction, toInput });
  const control = (name: string) => ({ id: `new-location-${name}`, name, className: inputClass, ...invalidProps(`new-location-${name}`, errorsFor(fields, name)) });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="New location" className="grid gap-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Location code" htmlFor="new-location-code" errors={errorsFor(fields, "code")} hint="e.g. WH-NORTH">
          <input {...control("code")} autoComplete="off" />
        </Field>
        <Field label="Name" htmlFor="new-location-name" errors={errorsFor(fields, "name")}>
          <input {...control("name")} autoComplete="off" />
        </Field>
        <Field label="Kind" htmlFor="new-location-kind" errors={errorsFor(fields, "kind")}>
          <select {...control("kind")} defaultValue="warehouse">
            <option value="warehouse">Warehouse</option>
            <option value="store">Store</option>
          </select>
        </Field>
        <Field label="Bins" htmlFor="new-location-bins" errors={errorsFor(fields, "bins")} hint="Optional, comma-separated: A-01, A-02">
          <input {...control("bins")} autoComplete="off" />
        </Field>
      </div>
      <FormStatus result={result} failed={failed} success={(data) => `Created location ${data.code}.`} />
      <div>
        <SubmitButton pending={pending} pendingText="Creating…">Create location</SubmitButton>
      </div>
    </form>
  );
}

"use client";

import { createChannelAction } from "@/app/actions/admin-actions";
import { Field, errorsFor, inputClass, invalidProps } from "../form/field";
import { FormStatus } from "../form/form-status";
import { SubmitButton } from "../form/submit-button";
import { text, useActionForm } from "../form/use-action-form";

const toInput = (form: FormData) => ({ code: text(form, "code"), name: text(form, "name") });

export function CreateChannelForm() {
  const { onSubmit, pending, result, fields, failed } = useActionForm({ action: createChannelAction, toInput });
  const control = (name: string) => ({ id: `new-channel-${name}`, name, className: inputClass, ...invalidProps(`new-channel-${name}`, errorsFor(fields, name)) });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="New sales channel" className="grid gap-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Channel code" htmlFor="new-channel-code" errors={errorsFor(fields, "code")} hint="Lower case, e.g. retail">
          <input {...control("code")} autoComplete="off" />
        </Field>
        <Field label="Name" htmlFor="new-channel-name" errors={errorsFor(fields, "name")}>
          <input {...control("name")} autoComplete="off" />
        </Field>
      </div>
      <FormStatus result={result} failed={failed} success={(data) => `Created channel ${data.code}.`} />
      <div>
        <SubmitButton pending={pending} pendingText="Creating…">Create channel</SubmitButton>
      </div>
    </form>
  );
}

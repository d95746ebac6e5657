"use client";

import { createUserAction } from "@/app/actions/admin-actions";
import { Field, errorsFor, inputClass, invalidProps } from "../form/field";
import { FormStatus } from "../form/form-status";
import { SubmitButton } from "../form/submit-button";
import { text, useActionForm } from "../form/use-action-form";
import { RoleOptions } from "./role-options";

const toInput = (form: FormData) => ({
  name: text(form, "name"),
  email: text(form, "email"),
  role: text(form, "role"),
  password: text(form, "password"),
});

export function CreateUserForm() {
  const { onSubmit, pending, result, fields, failed } = useActionForm({ action: createUserAction, toInput });
  const control = (name: string) => ({ id: `new-user-${name}`, name, ...invalidProps(`new-user-${name}`, errorsFor(fields, name)) });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="New user" className="grid gap-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" htmlFor="new-user-name" errors={errorsFor(fields, "name")}>
          <input {...control("name")} className={inputClass} autoComplete="off" />
        </Field>
        <Field label="Email" htmlFor="new-user-email" errors={errorsFor(fields, "email")}>
          <input {...control("email")} type="email" className={inputClass} autoComplete="off" />
        </Field>
        <Field label="Role" htmlFor="new-user-role" errors={errorsFor(fields, "role")}>
          <select {...control("role")} className={inputClass} defaultValue="sales">
            <RoleOptions />
          </select>
        </Field>
        <Field label="Initial password" htmlFor="new-user-password" errors={errorsFor(fields, "password")} hint="At least 12 characters. Share it privately.">
          <input {...control("password")} type="password" className={inputClass} autoComplete="new-password" />
        </Field>
      </div>
      <FormStatus result={result} failed={failed} success={(user) => `Created ${user.email}. They can sign in now.`} />
      <div>
        <SubmitButton pending={pending} pendingText="Creating…">Create user</SubmitButton>
      </div>
    </form>
  );
}

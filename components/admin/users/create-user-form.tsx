"use client";

import { useState } from "react";
import { createUserAction } from "@/app/actions/admin-actions";
import { Field, errorsFor, inputClass, invalidProps } from "../form/field";
import { FormStatus } from "../form/form-status";
import { SubmitButton } from "../form/submit-button";
import { text, useActionForm } from "../form/use-action-form";
import { RoleOptions } from "./role-options";

const toInput = (form: FormData) => {
  const account = { kind: text(form, "kind"), name: text(form, "name"), email: text(form, "email"), role: text(form, "role") };
  // A service account has no password: sending one would be refused as an unknown field.
  return account.kind === "service" ? account : { ...account, password: text(form, "password") };
};

export function CreateUserForm() {
  const [kind, setKind] = useState("human");
  const { onSubmit, pending, result, fields, failed } = useActionForm({ action: createUserAction, toInput, onSuccess: () => setKind("human") });
  const control = (name: string) => ({ id: `new-user-${name}`, name, ...invalidProps(`new-user-${name}`, errorsFor(fields, name)) });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="New user" className="grid gap-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Kind"
          htmlFor="new-user-kind"
          errors={errorsFor(fields, "kind")}
          hint={kind === "service" ? "An integration: no password, cannot sign in; you issue its API tokens." : "Signs in with a password and issues their own API tokens."}
        >
          <select {...control("kind")} className={inputClass} value={kind} onChange={(event) => setKind(event.target.value)}>
            <option value="human">Person</option>
            <option value="service">Service account</option>
          </select>
        </Field>
        <Field label="Name" htmlFor="new-user-name" errors={errorsFor(fields, "name")}>
          <input {...control("name")} className={inputClass} autoComplete="off" />
        </Field>
        <Field label="Email" htmlFor="new-user-email" errors={errorsFor(fields, "email")} hint={kind === "service" ? "Who answers for this integration." : undefined}>
          <input {...control("email")} type="email" className={inputClass} autoComplete="off" />
        </Field>
        <Field label="Role" htmlFor="new-user-role" errors={errorsFor(fields, "role")}>
          <select {...control("role")} className={inputClass} defaultValue="sales">
            <RoleOptions />
          </select>
        </Field>
        {kind === "human" && (
          <Field label="Initial password" htmlFor="new-user-password" errors={errorsFor(fields, "password")} hint="At least 12 characters. Share it privately.">
            <input {...control("password")} type="password" className={inputClass} autoComplete="new-password" />
          </Field>
        )}
      </div>
      <FormStatus
        result={result}
        failed={failed}
        success={(user) => (user.kind === "service" ? `Created the service account ${user.email}. Issue its token on its page.` : `Created ${user.email}. They can sign in now.`)}
      />
      <div>
        <SubmitButton pending={pending} pendingText="Creating…">Create user</SubmitButton>
      </div>
    </form>
  );
}

"use client";

import type { Role } from "@/lib/domain/roles";
import { changeRoleAction } from "@/app/actions/admin-actions";
import { Field, errorsFor, inputClass } from "../form/field";
import { FormStatus } from "../form/form-status";
import { SubmitButton } from "../form/submit-button";
import { text, useActionForm } from "../form/use-action-form";
import { RoleOptions } from "./role-options";

export function RoleForm({ userId, role, isSelf }: { userId: string; role: Role; isSelf: boolean }) {
  const { onSubmit, pending, result, fields, failed } = useActionForm({
    action: changeRoleAction,
    toInput: (form) => ({ userId, role: text(form, "role") }),
    keepValues: true,
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Role" className="grid gap-3">
      <Field
        label="Role"
        htmlFor="user-role"
        errors={errorsFor(fields, "role")}
        hint={isSelf ? "You cannot demote yourself; another admin must." : "Takes effect at once: it ends their sessions and revokes their API tokens."}
      >
        <select id="user-role" name="role" defaultValue={role} className={inputClass}>
          <RoleOptions />
        </select>
      </Field>
      <FormStatus result={result} failed={failed} success={() => "Role changed."} />
      <div>
        <SubmitButton pending={pending}>Change role</SubmitButton>
      </div>
    </form>
  );
}

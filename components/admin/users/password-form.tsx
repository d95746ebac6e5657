"use client";

import { resetPasswordAction } from "@/app/actions/admin-actions";
import { Field, errorsFor, inputClass, invalidProps } from "../form/field";
import { FormStatus } from "../form/form-status";
import { SubmitButton } from "../form/submit-button";
import { text, useActionForm } from "../form/use-action-form";

export function PasswordForm({ userId }: { userId: string }) {
  const { onSubmit, pending, result, fields, failed } = useActionForm({
    action: resetPasswordAction,
    toInput: (form) => ({ userId, password: text(form, "password") }),
  });
  const errors = errorsFor(fields, "password");
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Reset password" className="grid gap-3">
      <Field label="New password" htmlFor="user-password" errors={errors} hint="At least 12 characters. Share it privately.">
        <input id="user-password" name="password" type="password" autoComplete="new-password" className={inputClass} {...invalidProps("user-password", errors)} />
      </Field>
      <FormStatus result={result} failed={failed} success={() => "Password reset. The old one no longer works; their sessions ended and their API tokens were revoked."} />
      <div>
        <SubmitButton pending={pending}>Reset password</SubmitButton>
      </div>
    </form>
  );
}

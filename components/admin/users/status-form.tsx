"use client";

import { setUserActiveAction } from "@/app/actions/admin-actions";
import { FormStatus } from "../form/form-status";
import { SubmitButton } from "../form/submit-button";
import { useActionForm } from "../form/use-action-form";

/** Deactivating keeps the account and its history; it only stops sign-in and the user's API tokens. */
export function StatusForm({ userId, active, isSelf }: { userId: string; active: boolean; isSelf: boolean }) {
  const { onSubmit, pending, result, failed } = useActionForm({
    action: setUserActiveAction,
    toInput: () => ({ userId, active: !active }),
    keepValues: true,
  });
  return (
    <form onSubmit={onSubmit} aria-label="Status" className="grid gap-3">
      <p className="text-sm text-muted">
        {active
          ? "Active: can sign in, and their API tokens work."
          : "Inactive: cannot sign in, and their API tokens are refused. Their history stays."}
        {isSelf && active && " You cannot deactivate yourself."}
      </p>
      <FormStatus result={result} failed={failed} success={(data) => (data.active ? "User reactivated." : "User deactivated.")} />
      <div>
        <SubmitButton pending={pending} tone={active ? "danger" : "primary"}>
          {active ? "Deactivate user" : "Reactivate user"}
        </SubmitButton>
      </div>
    </form>
  );
}

"use client";

import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { setUserActiveAction } from "@/app/actions/admin-actions";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormStatus } from "../form/form-status";
import { SubmitButton } from "../form/submit-button";

type Props = { userId: string; name: string; active: boolean; isSelf: boolean };

/** Deactivating keeps the account and its history; it ends their sessions and revokes their API tokens. */
export function StatusForm({ userId, name, active, isSelf }: Props) {
  const [asking, setAsking] = useState(false);
  const mutation = useMutation({ mutationFn: setUserActiveAction });
  const change = () => mutation.mutate({ userId, active: !active });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        // Reactivating harms nothing; deactivating signs someone out mid-work, so ask first.
        if (active) setAsking(true);
        else change();
      }}
      aria-label="Status"
      className="grid gap-3"
    >
      <p className="text-sm text-muted">
        {active
          ? "Active: can sign in, and their API tokens work."
          : "Inactive: cannot sign in, and their API tokens were revoked. Their history stays."}
        {isSelf && active && " You cannot deactivate yourself."}
      </p>
      <FormStatus result={mutation.data} failed={mutation.isError} success={(data) => (data.active ? "User reactivated." : "User deactivated.")} />
      <div>
        <SubmitButton pending={mutation.isPending} tone={active ? "danger" : "primary"}>
          {active ? "Deactivate user" : "Reactivate user"}
        </SubmitButton>
      </div>
      <ConfirmDialog
        open={asking}
        title={`Deactivate ${name}?`}
        confirmLabel="Deactivate"
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          change();
        }}
      >
        {name} is signed out everywhere at once, cannot sign in again, and every API token of theirs is revoked. Reactivating later
        does not bring the tokens back.
      </ConfirmDialog>
    </form>
  );
}

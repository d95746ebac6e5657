"use client";

import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { revokeTokenAction } from "@/app/actions/admin-actions";
import { revokeOwnTokenAction } from "@/app/actions/profile-actions";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

type Props = {
  tokenId: string;
  name: string;
  prefix: string;
  owner: string;
  /** An admin revokes any token; a person only their own (profile page). */
  scope: "admin" | "own";
};

export function RevokeTokenButton({ tokenId, name, prefix, owner, scope }: Props) {
  const [asking, setAsking] = useState(false);
  const mutation = useMutation({ mutationFn: scope === "admin" ? revokeTokenAction : revokeOwnTokenAction });
  const result = mutation.data;
  const error = mutation.isError ? "Could not reach the server." : result && !result.ok ? result.message : null;
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <button
        type="button"
        disabled={mutation.isPending}
        aria-label={`Revoke ${name}`}
        onClick={() => setAsking(true)}
        className="rounded-md border border-danger-700/40 bg-surface px-2.5 py-1 text-xs font-medium text-danger-700 hover:bg-danger-50 disabled:opacity-60"
      >
        {mutation.isPending ? "Revoking…" : "Revoke"}
      </button>
      {error && <span role="alert" className="text-xs text-danger-700">{error}</span>}
      {/* Revoking breaks whatever integration uses the token: name it by what its user sees. */}
      <ConfirmDialog
        open={asking}
        title={`Revoke “${name}”?`}
        confirmLabel="Revoke token"
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          mutation.mutate({ tokenId });
        }}
      >
        The token <code className="font-mono text-ink">{prefix}…</code> of <strong className="text-ink">{owner}</strong> stops working at once,
        for anything that uses it. This cannot be undone.
      </ConfirmDialog>
    </span>
  );
}

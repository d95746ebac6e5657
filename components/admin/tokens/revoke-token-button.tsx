"use client";

import { useMutation } from "@tanstack/react-query";
import { revokeTokenAction } from "@/app/actions/admin-actions";

export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const mutation = useMutation({ mutationFn: revokeTokenAction });
  const result = mutation.data;
  const error = mutation.isError ? "Could not reach the server." : result && !result.ok ? result.message : null;
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <button
        type="button"
        disabled={mutation.isPending}
        aria-label={`Revoke ${name}`}
        // Revoking breaks whatever integration uses the token; ask once.
        onClick={() => window.confirm(`Revoke the token “${name}”? Anything using it stops working at once.`) && mutation.mutate({ tokenId })}
        className="rounded-md border border-danger-700/40 bg-surface px-2.5 py-1 text-xs font-medium text-danger-700 hover:bg-danger-50 disabled:opacity-60"
      >
        {mutation.isPending ? "Revoking…" : "Revoke"}
      </button>
      {error && <span role="alert" className="text-xs text-danger-700">{error}</span>}
    </span>
  );
}

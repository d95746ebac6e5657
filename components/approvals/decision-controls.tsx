"use client";

import { useId, useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { approveAction, rejectAction } from "@/app/actions/ledger-actions";

type Decision = "approve" | "reject";

/** Approve or reject one request, with an optional note that is kept with the decision. */
export function DecisionControls({ id, label }: { id: string; label: string }) {
  const noteId = useId();
  const [note, setNote] = useState("");
  const mutation = useMutation({
    mutationFn: ({ decision }: { decision: Decision }) => {
      const input = { id, note: note.trim() || undefined };
      return decision === "approve" ? approveAction(input) : rejectAction(input);
    },
  });
  const result = mutation.data;
  const error = mutation.isError ? "Could not reach the server; nothing was decided. Try again." : result && !result.ok ? result.message : null;
  const busy = mutation.isPending ? mutation.variables?.decision : null;
  return (
    <div className="grid gap-2 sm:w-64">
      <label htmlFor={noteId} className="sr-only">{`Note for ${label}`}</label>
      <input
        id={noteId}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        maxLength={500}
        placeholder="Note (optional)"
        className="block w-full rounded-md border border-line bg-surface px-3 py-1.5 text-sm shadow-xs focus:border-accent-600 focus:outline-none focus:ring-2 focus:ring-accent-100"
      />
      <div className="flex gap-2">
        <button
          type="button"
          disabled={mutation.isPending}
          onClick={() => mutation.mutate({ decision: "approve" })}
          className="flex-1 rounded-md bg-accent-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-800 disabled:opacity-60"
        >
          {busy === "approve" ? "Approving…" : "Approve"}
        </button>
        <button
          type="button"
          disabled={mutation.isPending}
          onClick={() => mutation.mutate({ decision: "reject" })}
          className="flex-1 rounded-md border border-danger-700/40 bg-surface px-3 py-1.5 text-sm font-medium text-danger-700 hover:bg-danger-50 disabled:opacity-60"
        >
          {busy === "reject" ? "Rejecting…" : "Reject"}
        </button>
      </div>
      {error && <p role="alert" className="text-sm text-danger-700">{error}</p>}
    </div>
  );
}

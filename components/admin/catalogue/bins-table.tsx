"use client";

import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { removeBinAction } from "@/app/actions/admin-actions";
import type { BinContents } from "@/lib/server/catalogue/bins";
import type { InternalState } from "@/lib/domain/states";
import { STATE_LABEL } from "@/components/warehouse/format";
import { CodeText } from "@/components/ui/code-text";
import { Table, type Column } from "@/components/ui/table";

type Outcome = { tone: "success" | "error"; text: string };

/** "8 available · 4 reserved", in the states' own order. */
function contentsText(bin: BinContents): string {
  return (Object.keys(STATE_LABEL) as InternalState[])
    .filter((state) => bin.states[state])
    .map((state) => `${bin.states[state]} ${STATE_LABEL[state].toLowerCase()}`)
    .join(" · ");
}

/**
 * A location's bins with what each holds now. An empty bin can be removed; the
 * answer stays above the table once the row has gone.
 */
export function BinsTable({ location, bins }: { location: string; bins: BinContents[] }) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState<string | undefined>();
  const mutation = useMutation({ mutationFn: removeBinAction });

  function remove(bin: string) {
    setBusy(bin);
    mutation.mutate(
      { code: location, bin },
      {
        onSuccess: (result) => setOutcome(result.ok ? { tone: "success", text: `Removed bin ${bin} from ${location}.` } : { tone: "error", text: result.message }),
        onError: () => setOutcome({ tone: "error", text: "Could not reach the server; nothing was changed. Try again." }),
        onSettled: () => setBusy(undefined),
      },
    );
  }

  const columns: Column<BinContents>[] = [
    { header: "Bin", cell: (bin) => <CodeText>{bin.code}</CodeText> },
    { header: "On hand", align: "right", cell: (bin) => <span className={bin.total === 0 ? "text-muted" : "font-semibold tabular-nums"}>{bin.total}</span> },
    {
      header: "In it now",
      cell: (bin) =>
        bin.total === 0 ? <span className="text-muted">Empty</span> : <span>{contentsText(bin)}{!bin.registered && <span className="text-amber-800"> · not one of {location}&apos;s bins</span>}</span>,
    },
    {
      header: "Remove",
      align: "right",
      cell: (bin) =>
        bin.total === 0 && bin.registered ? (
          <button
            type="button"
            onClick={() => remove(bin.code)}
            disabled={busy !== undefined}
            aria-busy={busy === bin.code}
            aria-label={`Remove bin ${bin.code} from ${location}`}
            className="rounded-md border border-danger-700/40 bg-surface px-3 py-1 text-sm font-medium text-danger-700 hover:bg-danger-50 disabled:opacity-60"
          >
            {busy === bin.code ? "Removing…" : "Remove"}
          </button>
        ) : (
          <span className="text-xs text-muted">Empty it to remove</span>
        ),
    },
  ];

  return (
    <div>
      {outcome && (
        <p role={outcome.tone === "error" ? "alert" : "status"} className={`mx-5 mt-3 rounded-md px-3 py-2 text-sm ${outcome.tone === "error" ? "bg-danger-50 text-danger-700" : "bg-emerald-50 text-emerald-800"}`}>
          {outcome.text}
        </p>
      )}
      <Table caption={`Bins at ${location}`} columns={columns} rows={bins} rowKey={(bin) => bin.code} empty={`${location} has no bins yet.`} />
    </div>
  );
}

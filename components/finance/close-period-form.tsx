"use client";

import Link from "next/link";
import { useEffect, useId, useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { controlClass } from "@/components/admin/form/field";
import { useIdempotencyKey } from "@/components/forms/idempotency-key";
import { closeWithProgress } from "./close-stream";
import { periodName } from "./labels";

const SLIDE = "@keyframes finance-close-slide { from { transform: translateX(-100%); } to { transform: translateX(300%); } }";

/** Seconds since `since`, ticking while a close runs; a close can take a while on a big ledger. */
function useElapsed(since: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === null) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [since]);
  return since === null ? 0 : Math.max(0, Math.floor((now - since) / 1000));
}

/** Determinate once the close reports how many SKUs it values; until then a sliding bar says it is working. */
function ProgressBar({ progress }: { progress: { done: number; total: number } | null }) {
  const track = "h-2 overflow-hidden rounded-full bg-accent-50 ring-1 ring-inset ring-accent-100";
  if (!progress || progress.total === 0) {
    return (
      <>
        <style href="finance-close-slide" precedence="default">{SLIDE}</style>
        <div className={track}>
          <div className="h-full w-1/3 rounded-full bg-accent-600" style={{ animation: "finance-close-slide 1.2s ease-in-out infinite" }} />
        </div>
      </>
    );
  }
  const percent = Math.round((progress.done / progress.total) * 100);
  return (
    <div className={track} role="progressbar" aria-label="Close progress" aria-valuemin={0} aria-valuemax={progress.total} aria-valuenow={progress.done}>
      <div className="h-full rounded-full bg-accent-600 transition-[width] duration-200" style={{ width: `${percent}%` }} />
    </div>
  );
}

function progressText(progress: { done: number; total: number } | null): string {
  if (!progress) return "waiting for in-flight events, then valuing every SKU";
  if (progress.done < progress.total) return `${progress.done} of ${progress.total} SKUs valued`;
  return `all ${progress.total} SKUs valued; storing the trial balance`;
}

type Outcome = { tone: "success" | "error"; text: string; period?: string };

/**
 * Closes one month through the ledger, as the signed-in user, by the streaming
 * close route (app/(finance)/finance/periods/close), which reports each SKU valued. The idempotency key
 * is renewed only once a final answer came back (not after no answer or
 * `unavailable`), so a second click or a retry never closes twice;
 * the server refuses a month that has not ended or is already closed, in words.
 */
export function ClosePeriodForm({ suggested, closed }: { suggested: string; closed: string[] }) {
  const id = useId();
  const router = useRouter();
  const key = useIdempotencyKey();
  const [period, setPeriod] = useState(suggested);
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const elapsed = useElapsed(startedAt);
  const mutation = useMutation({ mutationFn: (month: string) => closeWithProgress(month, key.current(), (done, total) => setProgress({ done, total })) });
  const already = closed.includes(period);

  function close() {
    if (mutation.isPending || !period) return;
    setOutcome(null);
    setProgress(null);
    setStartedAt(Date.now());
    mutation.mutate(period, {
      onSuccess: (result) => {
        key.settle(result);
        if (result.ok) {
          setOutcome({ tone: "success", text: `${periodName(period)} is closed. Its valuation and trial balance are stored and will not change.`, period });
          router.refresh();
        } else if (result.code === "unavailable") {
          setOutcome({ tone: "error", text: `${result.message} It will not close twice.` });
        } else {
          setOutcome({ tone: "error", text: `Not closed. ${result.message}` });
        }
      },
      onError: () => {
        key.settle(null);
        setOutcome({ tone: "error", text: "No answer came back, so the month may or may not be closed. Try again; it will not close twice." });
      },
      onSettled: () => setStartedAt(null),
    });
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        close();
      }}
      className="grid gap-3 p-5"
      aria-label="Close a period"
    >
      <div className="flex flex-wrap items-end gap-3">
        <label htmlFor={id} className="text-sm font-medium">
          Month
          <input id={id} type="month" name="period" required value={period} max={suggested} onChange={(e) => setPeriod(e.target.value)} disabled={mutation.isPending} className={`mt-1 ${controlClass}`} />
        </label>
        <button type="submit" disabled={mutation.isPending || already} className="rounded-md bg-accent-700 px-4 py-2 text-sm font-medium text-white hover:bg-accent-800 disabled:opacity-60">
          {mutation.isPending ? "Closing…" : `Close ${period ? periodName(period) : "the month"}`}
        </button>
      </div>
      <p className="text-xs text-muted">
        Closing stores the month-end valuation per SKU and location and the journal&apos;s trial balance. From then on, an event dated into that month is refused.
        {already && outcome?.period !== period && <strong className="text-ink"> {periodName(period)} is already closed.</strong>}
      </p>
      {mutation.isPending && (
        <div role="status" aria-live="polite" className="grid gap-1.5" data-testid="close-progress">
          <ProgressBar progress={progress} />
          <p className="text-sm text-muted tabular-nums">
            Closing {periodName(period)}: {progressText(progress)}… {elapsed > 0 ? `${elapsed} s` : ""}
          </p>
        </div>
      )}
      {outcome && (
        <p role={outcome.tone === "error" ? "alert" : "status"} className={`rounded-md px-3 py-2 text-sm ${outcome.tone === "error" ? "bg-danger-50 text-danger-700" : "bg-emerald-50 text-emerald-900"}`}>
          {outcome.text}
          {outcome.period && (
            <>
              {" "}
              <Link href={`/finance/periods/${outcome.period}`} className="font-medium underline">See what was stored</Link>
            </>
          )}
        </p>
      )}
    </form>
  );
}

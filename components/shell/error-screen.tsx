"use client";

import Link from "next/link";
import { useEffect, useState, useTransition } from "react";
import { CodeText } from "@/components/ui/code-text";

/** What went wrong, as far as the browser can tell: still asking, the database, or anything else. */
export type ErrorKind = "checking" | "outage" | "other";

/** How long the probe may take before the screen settles on the generic message. */
const PROBE_MS = 8_000;

/**
 * Asks the server whether it can reach its database now. In production a server
 * component's error reaches the browser as a bare digest, so the error itself
 * cannot say; HEAD /api/live answers 503 when the session read or the LISTEN
 * connection finds the database unavailable, and never opens a stream.
 */
export async function probeDatabase(fetcher: typeof fetch = fetch): Promise<Exclude<ErrorKind, "checking">> {
  try {
    const response = await fetcher("/api/live", { method: "HEAD", cache: "no-store", signal: AbortSignal.timeout(PROBE_MS) });
    return response.status === 503 ? "outage" : "other";
  } catch {
    // No answer at all: the app server, not its database, is what cannot be reached.
    return "other";
  }
}

/** The digest Next.js puts on a server error; it names the error in the server's log. */
export function errorDigest(error: unknown): string | null {
  if (!error || typeof error !== "object" || !("digest" in error)) return null;
  const { digest } = error as { digest: unknown };
  return typeof digest === "string" && digest ? digest : null;
}

type Props = { error: unknown; retry: () => void };

/**
 * The page shown when a screen fails to render: for a database outage, says so and
 * offers to retry; for anything else, a generic message with the digest to quote.
 * Never the error's message or stack: they may carry internals.
 */
export function ErrorScreen({ error, retry }: Props) {
  // The probe's finding belongs to the error it was made for; a new error (after a retry) asks again.
  const [found, setFound] = useState<{ error: unknown; kind: ErrorKind } | null>(null);
  useEffect(() => {
    let live = true;
    void probeDatabase().then((kind) => {
      if (live) setFound({ error, kind });
    });
    return () => {
      live = false;
    };
  }, [error]);
  const kind = found && found.error === error ? found.kind : "checking";
  return <ErrorMessage kind={kind} digest={errorDigest(error)} retry={retry} />;
}

/** The screen itself, for a kind already known. */
export function ErrorMessage({ kind, digest, retry }: { kind: ErrorKind; digest: string | null; retry: () => void }) {
  const [retrying, startRetry] = useTransition();
  const outage = kind === "outage";
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="mx-auto max-w-md py-12 text-center" data-testid="error-screen" data-kind={kind}>
        <title>{outage ? "Database unavailable · Concord" : "Something went wrong · Concord"}</title>
        <p className="text-lg font-semibold tracking-tight text-accent-800">Concord</p>
        <p className={`mt-6 text-sm font-semibold ${outage ? "text-amber-700" : "text-danger-700"}`}>{outage ? "503" : "Error"}</p>
        <h1 className="mt-2 text-2xl font-semibold">{outage ? "Concord can't reach its database right now" : "Something went wrong"}</h1>
        <p className="mt-2 text-muted" role={kind === "checking" ? undefined : "status"}>
          {kind === "checking" && "This page could not be shown. Checking whether the database answers…"}
          {outage && "Nothing is lost: the ledger is kept by the database, and this page will load once it answers again. Try again in a few seconds."}
          {kind === "other" && "This page could not be shown. Try again; if it keeps happening, tell your administrator and quote the reference below."}
        </p>
        <div className="mt-6 flex flex-wrap items-center justify-center gap-3">
          <button
            type="button"
            disabled={retrying}
            aria-busy={retrying}
            onClick={() => startRetry(retry)}
            className="rounded-md bg-accent-700 px-4 py-2 text-sm font-medium text-white hover:bg-accent-800 disabled:cursor-wait disabled:opacity-70"
          >
            {retrying ? "Retrying…" : "Retry"}
          </button>
          {kind === "other" && (
            <Link href="/" className="rounded-md border border-line bg-surface px-4 py-2 text-sm font-medium hover:bg-canvas">
              Go to the start page
            </Link>
          )}
        </div>
        {digest && !outage && (
          <p className="mt-6 text-xs text-muted">
            Reference <CodeText>{digest}</CodeText>
          </p>
        )}
      </div>
    </main>
  );
}

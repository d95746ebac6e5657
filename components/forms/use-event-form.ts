"use client";

import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import type { ScreenOutcome } from "@/lib/server/ledger/screen-outcome";
import { useIdempotencyKey } from "./idempotency-key";
import type { ActionResult } from "@/lib/server/action";

export type Feedback = { tone: "success" | "pending" | "error"; text: string; fields?: Record<string, string[]> };

type EventAction = (input: { idempotencyKey: string; event: Record<string, unknown> }) => Promise<ActionResult<ScreenOutcome>>;

function feedbackOf(result: ActionResult<ScreenOutcome>): Feedback {
  // The database could not serve: the event may or may not be in; the same key makes the retry safe.
  if (!result.ok && result.code === "unavailable") return { tone: "error", text: `${result.message} It will not post twice.` };
  if (!result.ok) {
    const detail = result.fields ? Object.entries(result.fields).filter(([key]) => key !== "body").map(([key, messages]) => `${key}: ${messages.join(", ")}`) : [];
    const text = result.code === "invalid_input" && detail.length ? `${result.message} ${detail.join("; ")}.` : result.message;
    return { tone: "error", text: `Nothing was posted. ${text}`, fields: result.fields };
  }
  return { tone: result.data.status === "approval" ? "pending" : "success", text: result.data.message };
}

/**
 * Posts one event per form submission through a screen's server action. The
 * idempotency key is renewed only once a final answer came back (not after no
 * answer or `unavailable`), so a second Enter, or a retry after a dropped
 * connection or a database outage, can never post twice; a synchronous guard
 * drops the second Enter before it even leaves the browser.
 */
export function useEventForm(action: EventAction, options: { onDone?: (feedback: Feedback) => void } = {}) {
  const router = useRouter();
  const key = useIdempotencyKey();
  const inFlight = useRef(false);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const mutation = useMutation({ mutationFn: action });

  function submit(event: Record<string, unknown>) {
    if (inFlight.current) return;
    inFlight.current = true;
    mutation.mutate(
      { idempotencyKey: key.current(), event },
      {
        onSuccess: (result) => {
          key.settle(result);
          const next = feedbackOf(result);
          setFeedback(next);
          if (result.ok) router.refresh();
          options.onDone?.(next);
        },
        onError: () => {
          key.settle(null);
          const next: Feedback = { tone: "error", text: "Could not reach the server. Press Enter again to retry; it will not post twice." };
          setFeedback(next);
          options.onDone?.(next);
        },
        onSettled: () => {
          inFlight.current = false;
        },
      },
    );
  }

  return { submit, pending: mutation.isPending, feedback, clear: () => setFeedback(null) };
}

import type { Feedback } from "./use-event-form";

const TONES = {
  success: "bg-emerald-50 text-emerald-800",
  pending: "bg-amber-50 text-amber-900",
  error: "bg-danger-50 text-danger-700",
} as const;

/** What happened to the last submission, in words; read out by screen readers as it changes. */
export function FeedbackLine({ feedback, testId }: { feedback: Feedback | null; testId?: string }) {
  return (
    <div aria-live="polite" data-testid={testId}>
      {feedback && (
        <p role={feedback.tone === "error" ? "alert" : "status"} className={`rounded-md px-3 py-2 text-sm ${TONES[feedback.tone]}`}>
          {feedback.text}
        </p>
      )}
    </div>
  );
}

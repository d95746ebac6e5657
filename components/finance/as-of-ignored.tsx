"use client";
import { useSearchParams } from "next/navigation";

/**
 * Said when the address asks for a moment the page cannot show (not a date, or not
 * in the past): the figures are today's, and nothing is left to guess.
 */
export function AsOfIgnored() {
  const asked = useSearchParams().get("asOf");
  if (!asked) return null;
  return (
    <p role="status" data-testid="as-of-ignored" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-200">
      &ldquo;{asked.slice(0, 40)}&rdquo; is not a past moment this page can show (a date and time in UTC, before now): every figure is <strong>as of now</strong>.
    </p>
  );
}

"use client";

import type { FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import type { ActionResult } from "@/lib/server/action";

type Options<T> = {
  action: (raw: unknown) => Promise<ActionResult<T>>;
  /** Turns the form's fields into the action's input (numbers, lists, optional blanks). */
  toInput: (form: FormData) => unknown;
  /** Keep the fields after success (edit forms); create forms clear for the next entry. */
  keepValues?: boolean;
  onSuccess?: (data: T) => void;
};

/**
 * A form bound to one server action. The action's result is data, not an
 * exception: field errors and domain messages come back to show, and a network
 * failure surfaces as `mutation.error`. The action's revalidation refreshes the page.
 */
export function useActionForm<T>({ action, toInput, keepValues = false, onSuccess }: Options<T>) {
  const mutation = useMutation({ mutationFn: action });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    mutation.mutate(toInput(new FormData(form)), {
      onSuccess: (result) => {
        if (!result.ok) return;
        if (!keepValues) form.reset();
        onSuccess?.(result.data);
      },
    });
  }

  const result = mutation.data;
  return {
    onSubmit,
    pending: mutation.isPending,
    result,
    fields: result && !result.ok ? (result.fields ?? {}) : {},
    failed: mutation.isError,
  };
}

/** Field readers for `toInput`: blanks become undefined so optional fields stay optional. */
export function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

export function optionalText(form: FormData, name: string): string | undefined {
  const value = text(form, name).trim();
  return value === "" ? undefined : value;
}

/** A whole number when the field holds one; otherwise the raw text, so the schema names the problem. */
export function wholeNumber(form: FormData, name: string): number | string {
  const value = text(form, name).trim();
  return /^-?\d+$/.test(value) ? Number(value) : value;
}

/** "A-01, A-02 A-03" → ["A-01", "A-02", "A-03"]. */
export function codeList(form: FormData, name: string): string[] {
  return text(form, name)
    .split(/[\s,]+/)
    .filter((code) => code !== "");
}

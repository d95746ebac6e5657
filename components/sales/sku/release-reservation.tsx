"use client";

import { startTransition, useActionState, useState } from "react";
import { releaseOrderLineAction, type OrderFormState } from "@/app/actions/sales-actions";
import { NO_ANSWER, useIdempotencyKey } from "@/components/forms/idempotency-key";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useInvalidateSku } from "./use-sku-sales";

type Props = { sku: string; orderLine: string; location: string; qty: number };

/** Gives an order line's reserved units back to ATP, after asking. */
export function ReleaseReservation({ sku, orderLine, location, qty }: Props) {
  const [asking, setAsking] = useState(false);
  const key = useIdempotencyKey();
  const invalidate = useInvalidateSku(sku);
  const [state, formAction, pending] = useActionState(async (previous: OrderFormState, form: FormData): Promise<OrderFormState> => {
    // A call that throws (the connection cut, the server gone) got no answer: the key stays for the retry.
    const result = await releaseOrderLineAction(previous, form).catch(() => null);
    key.settle(result);
    if (!result) return { ok: false, message: NO_ANSWER };
    if (result.ok) await invalidate();
    return result;
  }, null);

  function release() {
    setAsking(false);
    const form = new FormData();
    for (const [name, value] of Object.entries({ sku, orderLine, location, qty: String(qty), idempotencyKey: key.current() })) form.set(name, value);
    startTransition(() => formAction(form));
  }

  return (
    <span className="inline-flex flex-col gap-1 sm:items-end">
      <button
        type="button"
        disabled={pending}
        aria-label={`Release ${orderLine}`}
        onClick={() => setAsking(true)}
        className="rounded-md border border-line bg-surface px-2.5 py-1 text-xs font-medium hover:bg-canvas disabled:cursor-wait disabled:opacity-60"
      >
        {pending ? "Releasing…" : "Release"}
      </button>
      {state && !state.ok && (
        <span role="alert" className="max-w-64 text-xs text-danger-700">{state.message}</span>
      )}
      <ConfirmDialog open={asking} title={`Release ${orderLine}?`} confirmLabel="Release units" onCancel={() => setAsking(false)} onConfirm={release}>
        The {qty} reserved units at {location} go back to stock, and another order may take them.
      </ConfirmDialog>
    </span>
  );
}

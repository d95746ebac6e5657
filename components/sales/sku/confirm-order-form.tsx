"use client";

import { startTransition, useActionState, useId, useRef, type FormEvent } from "react";
import { confirmOrderLineAction, type OrderFormState } from "@/app/actions/sales-actions";
import { Field, inputClass, invalidProps } from "@/components/admin/form/field";
import { SubmitButton } from "@/components/admin/form/submit-button";
import { NO_ANSWER, useIdempotencyKey } from "@/components/forms/idempotency-key";
import { ActionMessage } from "./action-message";
import { useInvalidateSku, type SkuSales } from "./use-sku-sales";

/** Reserve stock for one order line: from the location that can serve it soonest, or the one the rep picks. */
export function ConfirmOrderForm({ view }: { view: SkuSales }) {
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const key = useIdempotencyKey();
  const invalidate = useInvalidateSku(view.sku.code);
  const [state, formAction, pending] = useActionState(async (previous: OrderFormState, form: FormData): Promise<OrderFormState> => {
    // A call that throws (the connection cut, the server gone) got no answer: the key stays for the retry.
    const result = await confirmOrderLineAction(previous, form).catch(() => null);
    key.settle(result);
    if (!result) return { ok: false, message: NO_ANSWER };
    if (result.ok) {
      formRef.current?.reset();
      await invalidate();
    }
    return result;
  }, null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    // Submitted by hand, not through `action`, so a refusal leaves what the rep typed in place.
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    form.set("idempotencyKey", key.current());
    startTransition(() => formAction(form));
  }

  const fields = state && !state.ok ? (state.fields ?? {}) : {};
  const errors = (name: string) => fields[name] ?? [];
  const atpAt = new Map(view.availability.locations.map((l) => [l.location, l.atp]));
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="grid gap-4" aria-label="Confirm an order line">
      <input type="hidden" name="sku" value={view.sku.code} />
      <input type="hidden" name="channel" value={view.channel} />
      <div className="grid gap-4 sm:grid-cols-[8rem_minmax(0,1fr)]">
        <Field label="Quantity" htmlFor={`${id}-qty`} errors={errors("qty")}>
          <input id={`${id}-qty`} name="qty" type="number" inputMode="numeric" min={1} step={1} required className={inputClass} {...invalidProps(`${id}-qty`, errors("qty"))} />
        </Field>
        <Field label="Order reference" htmlFor={`${id}-order`} errors={errors("orderLine")} hint="The order line, e.g. SO-1042-1">
          <input id={`${id}-order`} name="orderLine" required maxLength={64} autoComplete="off" className={inputClass} {...invalidProps(`${id}-order`, errors("orderLine"))} />
        </Field>
      </div>
      <Field label="Ship from" htmlFor={`${id}-location`} errors={errors("location")}>
        <select id={`${id}-location`} name="location" defaultValue="best" className={inputClass} {...invalidProps(`${id}-location`, errors("location"))}>
          <option value="best">Best: the soonest that can serve it</option>
          {view.servedBy.map((location) => (
            <option key={location} value={location}>
              {location} · {atpAt.get(location) ?? 0} to promise today
            </option>
          ))}
        </select>
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} pendingText="Reserving…">Confirm order line</SubmitButton>
      </div>
      <ActionMessage state={state} success={(s) => (s.reserved ? `Reserved ${s.reserved.qty} for ${s.reserved.orderLine} at ${s.reserved.location}.` : s.message)} />
    </form>
  );
}

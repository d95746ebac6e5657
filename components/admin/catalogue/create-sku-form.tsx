"use client";

import { useState } from "react";
import { createSkuAction } from "@/app/actions/admin-actions";
import { COSTING_LABEL } from "@/components/catalogue/costing-method";
import { Field, errorsFor, inputClass, invalidProps } from "../form/field";
import { FormStatus } from "../form/form-status";
import { SubmitButton } from "../form/submit-button";
import { optionalText, text, useActionForm } from "../form/use-action-form";

const METHODS = ["fifo", "average", "standard"] as const;

function toInput(form: FormData) {
  const costingMethod = text(form, "costingMethod");
  return {
    sku: text(form, "sku"),
    name: text(form, "name"),
    category: optionalText(form, "category"),
    costingMethod,
    // Only a standard-costed SKU carries a standard cost; a stray value elsewhere would mislead.
    standardCost: costingMethod === "standard" ? optionalText(form, "standardCost") : undefined,
  };
}

export function CreateSkuForm() {
  const [method, setMethod] = useState<string>("fifo");
  const { onSubmit, pending, result, fields, failed } = useActionForm({ action: createSkuAction, toInput, onSuccess: () => setMethod("fifo") });
  const control = (name: string) => ({ id: `new-sku-${name}`, name, className: inputClass, ...invalidProps(`new-sku-${name}`, errorsFor(fields, name)) });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="New SKU" className="grid gap-4">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-6">
        <Field label="SKU code" htmlFor="new-sku-sku" errors={errorsFor(fields, "sku")} hint="e.g. CHAIR-01">
          <input {...control("sku")} autoComplete="off" />
        </Field>
        <div className="lg:col-span-2">
          <Field label="Name" htmlFor="new-sku-name" errors={errorsFor(fields, "name")}>
            <input {...control("name")} autoComplete="off" />
          </Field>
        </div>
        <Field label="Category" htmlFor="new-sku-category" errors={errorsFor(fields, "category")} hint="Blank means “general”.">
          <input {...control("category")} autoComplete="off" />
        </Field>
        <Field label="Costing method" htmlFor="new-sku-costingMethod" errors={errorsFor(fields, "costingMethod")}>
          <select {...control("costingMethod")} value={method} onChange={(event) => setMethod(event.target.value)}>
            {METHODS.map((m) => <option key={m} value={m}>{COSTING_LABEL[m]}</option>)}
          </select>
        </Field>
        {method === "standard" && (
          <Field label="Standard cost" htmlFor="new-sku-standardCost" errors={errorsFor(fields, "standardCost")} hint="Per unit, e.g. 12.50">
            <input {...control("standardCost")} inputMode="decimal" autoComplete="off" />
          </Field>
        )}
      </div>
      <FormStatus result={result} failed={failed} success={(data) => `Created SKU ${data.sku}.`} />
      <div>
        <SubmitButton pending={pending} pendingText="Creating…">Create SKU</SubmitButton>
      </div>
    </form>
  );
}

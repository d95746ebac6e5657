"use client";

import type { PolicyValues } from "@/lib/server/views/catalogue";
import { setPolicyAction } from "@/app/actions/admin-actions";
import { Field, errorsFor, inputClass, invalidProps } from "../form/field";
import { FormStatus } from "../form/form-status";
import { SubmitButton } from "../form/submit-button";
import { text, useActionForm, wholeNumber } from "../form/use-action-form";

type Props = { sku: string; location: string; values: PolicyValues };

export function PolicyForm({ sku, location, values }: Props) {
  const toInput = (form: FormData) => ({
    sku,
    location,
    safetyStock: wholeNumber(form, "safetyStock"),
    inspectionLeadDays: wholeNumber(form, "inspectionLeadDays"),
    // Every channel is sent, zeros included: saving replaces the whole set of fences.
    allocations: values.allocations.map((a) => ({ channel: a.channel, qty: wholeNumber(form, `allocation-${a.channel}`) })),
    approvalThresholds: { writeOffValue: text(form, "writeOffValue").trim(), countVarianceUnits: wholeNumber(form, "countVarianceUnits") },
  });
  const { onSubmit, pending, result, fields, failed } = useActionForm({ action: setPolicyAction, toInput, keepValues: true });
  const number = (name: string, path: string, value: number | string) => {
    const id = `policy-${name}`;
    return <input id={id} name={name} defaultValue={value} inputMode={name === "writeOffValue" ? "decimal" : "numeric"} className={inputClass} {...invalidProps(id, errorsFor(fields, path))} />;
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Stock policy" className="grid gap-6">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Field label="Safety stock (units)" htmlFor="policy-safetyStock" errors={errorsFor(fields, "safetyStock")} hint="Never promised to any channel.">
          {number("safetyStock", "safetyStock", values.safetyStock)}
        </Field>
        <Field label="Inspection lead (days)" htmlFor="policy-inspectionLeadDays" errors={errorsFor(fields, "inspectionLeadDays")} hint="Receipt to sellable.">
          {number("inspectionLeadDays", "inspectionLeadDays", values.inspectionLeadDays)}
        </Field>
        <Field label="Write-off approval above" htmlFor="policy-writeOffValue" errors={errorsFor(fields, "approvalThresholds.writeOffValue")} hint="Value, e.g. 500.00">
          {number("writeOffValue", "approvalThresholds.writeOffValue", values.writeOffValue)}
        </Field>
        <Field label="Count variance allowed (units)" htmlFor="policy-countVarianceUnits" errors={errorsFor(fields, "approvalThresholds.countVarianceUnits")} hint="Beyond this, a count needs approval.">
          {number("countVarianceUnits", "approvalThresholds.countVarianceUnits", values.countVarianceUnits)}
        </Field>
      </div>
      <fieldset>
        <legend className="text-sm font-medium">Channel allocations (units fenced per channel)</legend>
        {/* Errors about the set as a whole (a repeated channel); per-channel ones sit under each field. */}
        {fields.allocations && <p className="mt-1 text-xs text-danger-700">{fields.allocations.join("; ")}</p>}
        <div className="mt-2 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {values.allocations.map((allocation, index) => (
            <Field key={allocation.channel} label={allocation.name} htmlFor={`policy-allocation-${allocation.channel}`} errors={errorsFor(fields, `allocations.${index}`)}>
              {number(`allocation-${allocation.channel}`, `allocations.${index}`, allocation.qty)}
            </Field>
          ))}
        </div>
      </fieldset>
      <FormStatus result={result} failed={failed} success={() => `Saved the policy for ${sku} at ${location}.`} />
      <div>
        <SubmitButton pending={pending}>Save policy</SubmitButton>
      </div>
    </form>
  );
}

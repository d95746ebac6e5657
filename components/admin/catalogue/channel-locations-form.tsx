"use client";

import { setChannelLocationsAction } from "@/app/actions/channel-actions";
import type { ChannelLocations } from "@/lib/server/catalogue/channel-locations";
import { errorsFor } from "../form/field";
import { FormStatus } from "../form/form-status";
import { SubmitButton } from "../form/submit-button";
import { text, useActionForm } from "../form/use-action-form";

export type LocationChoice = { code: string; name: string; kind: string };

const toInput = (form: FormData) => ({
  channel: text(form, "channel"),
  locations: form.getAll("locations").filter((value): value is string => typeof value === "string"),
});

function served(locations: string[]): string {
  return locations.length === 0 ? "every location" : locations.join(", ");
}

/** One channel's locations as checkboxes; none ticked means every location serves it. */
export function ChannelLocationsForm({ mapping, locations }: { mapping: ChannelLocations; locations: LocationChoice[] }) {
  const { onSubmit, pending, result, fields, failed } = useActionForm({ action: setChannelLocationsAction, toInput, keepValues: true });
  const id = `channel-${mapping.channel}-locations`;
  const errors = errorsFor(fields, "locations");
  return (
    <form onSubmit={onSubmit} aria-label={`Locations serving ${mapping.name}`} className="grid gap-3">
      <input type="hidden" name="channel" value={mapping.channel} />
      <fieldset aria-describedby={`${id}-hint`} {...(errors.length ? { "aria-invalid": true } : {})}>
        <legend className="text-sm font-medium">Locations that serve {mapping.name}</legend>
        <p id={`${id}-hint`} className="mt-0.5 text-xs text-muted">Tick none to let every location serve this channel.</p>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {locations.map((location) => (
            <label key={location.code} className="flex items-start gap-2 rounded-md border border-line px-3 py-2 text-sm has-checked:border-accent-600 has-checked:bg-accent-50">
              <input
                type="checkbox"
                name="locations"
                value={location.code}
                defaultChecked={mapping.locations.includes(location.code)}
                className="mt-0.5 size-4 accent-accent-700"
              />
              <span>
                <span className="font-mono font-medium">{location.code}</span>
                <span className="block text-xs text-muted">{location.name} · {location.kind}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.length > 0 && <p className="mt-1 text-xs text-danger-700">{errors.join("; ")}</p>}
      </fieldset>
      <FormStatus result={result} failed={failed} success={(data) => `${data.name} is served by ${served(data.locations)}.`} />
      <div>
        <SubmitButton pending={pending}>Save locations</SubmitButton>
      </div>
    </form>
  );
}

"use client";

import { controlClass } from "@/components/admin/form/field";
import type { LocationOption } from "@/lib/server/views/warehouse-stock";

/** Narrows a list to one location; choosing one reloads the list at once (the scan field's form). */
export function LocationSelect({ locations, value, id = "location-filter" }: { locations: LocationOption[]; value?: string; id?: string }) {
  return (
    <label htmlFor={id} className="text-sm font-medium">
      Location
      <select id={id} name="location" defaultValue={value ?? ""} onChange={(e) => e.currentTarget.form?.requestSubmit()} className={`mt-1 ${controlClass}`}>
        <option value="">Every location</option>
        {locations.map((location) => (
          <option key={location.code} value={location.code}>{`${location.code} · ${location.name}`}</option>
        ))}
      </select>
    </label>
  );
}

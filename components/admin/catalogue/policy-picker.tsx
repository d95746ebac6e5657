import { controlClass } from "../form/field";

type Props = { sku: string; location: string; locations: { code: string; name: string }[] };

/** A GET form: the SKU × location pair lives in the URL, so the SKU list can link straight to it. */
export function PolicyPicker({ sku, location, locations }: Props) {
  return (
    <form method="get" action="/admin/policies" aria-label="Choose SKU and location" className="flex flex-wrap items-end gap-3">
      <div className="min-w-48">
        <label htmlFor="policy-sku" className="block text-sm font-medium">SKU code</label>
        <input id="policy-sku" name="sku" defaultValue={sku} placeholder="e.g. CHAIR-01" autoComplete="off" className={`mt-1 ${controlClass}`} />
      </div>
      <div className="min-w-56">
        <label htmlFor="policy-location" className="block text-sm font-medium">Location</label>
        <select id="policy-location" name="location" defaultValue={location} className={`mt-1 ${controlClass}`}>
          {locations.map((option) => (
            <option key={option.code} value={option.code}>{`${option.code} · ${option.name}`}</option>
          ))}
        </select>
      </div>
      <button type="submit" className="rounded-md border border-line bg-surface px-4 py-2 text-sm font-medium hover:bg-canvas">
        Show policy
      </button>
    </form>
  );
}

import { controlClass } from "@/components/admin/form/field";

export const SCAN_ID = "scan";

/** After an action completes the cursor goes back to the scan field, ready for the next scan. */
export function focusScan() {
  const field = document.getElementById(SCAN_ID);
  if (field instanceof HTMLInputElement) {
    field.focus();
    field.select();
  }
}

/**
 * A scan field: a barcode wedge (or a person) types a code and Enter, and the
 * page reloads showing what the code names. Plain GET, so it works before hydration.
 */
export function ScanBar({ action, label, value, hidden = {}, hint }: { action: string; label: string; value?: string; hidden?: Record<string, string>; hint?: string }) {
  return (
    <form method="get" action={action} role="search" aria-label={label} className="flex flex-wrap items-end gap-3">
      {Object.entries(hidden).map(([name, v]) => (
        <input key={name} type="hidden" name={name} value={v} />
      ))}
      <label htmlFor={SCAN_ID} className="min-w-56 flex-1 text-sm font-medium">
        {label}
        <input id={SCAN_ID} name="scan" defaultValue={value} autoFocus={!value} autoComplete="off" spellCheck={false} placeholder="Scan or type, then Enter" className={`mt-1 font-mono ${controlClass}`} />
      </label>
      <button type="submit" className="rounded-md border border-line bg-surface px-4 py-2 text-sm font-medium hover:bg-canvas">Find</button>
      {hint && <p className="basis-full text-xs text-muted">{hint}</p>}
    </form>
  );
}

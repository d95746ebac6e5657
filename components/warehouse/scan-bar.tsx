import type { ReactNode } from "react";
import { controlClass } from "@/components/admin/form/field";

export const SCAN_ID = "scan";
/** The transfers page's second scan field, over the in-flight list (the ship form's SKU is the first). */
export const FLIGHT_SCAN_ID = "flight-scan";

/** After an action completes the cursor goes back to the scan field, ready for the next scan. */
export function focusScan(id: string = SCAN_ID) {
  const field = document.getElementById(id);
  if (field instanceof HTMLInputElement) {
    field.focus();
    field.select();
  }
}

type Props = {
  action: string;
  label: string;
  value?: string;
  hidden?: Record<string, string>;
  hint?: string;
  /** The field's id, for a page with a second scan field (transfers: the ship form's SKU is the first). */
  id?: string;
  /** The query parameter the scan travels in. */
  name?: string;
  autoFocus?: boolean;
  /** Controls that narrow the list along with the scan (a location picker). */
  children?: ReactNode;
};

/**
 * A scan field: a barcode wedge (or a person) types a code and Enter, and the
 * page reloads showing what the code names. Plain GET, so it works before hydration.
 */
export function ScanBar({ action, label, value, hidden = {}, hint, id = SCAN_ID, name = "scan", autoFocus = !value, children }: Props) {
  return (
    <form method="get" action={action} role="search" aria-label={label} className="flex flex-wrap items-end gap-3">
      {Object.entries(hidden).map(([key, v]) => (
        <input key={key} type="hidden" name={key} value={v} />
      ))}
      {children}
      <label htmlFor={id} className="min-w-56 flex-1 text-sm font-medium">
        {label}
        <input id={id} name={name} defaultValue={value} autoFocus={autoFocus} autoComplete="off" spellCheck={false} placeholder="Scan or type, then Enter" className={`mt-1 font-mono ${controlClass}`} />
      </label>
      <button type="submit" className="rounded-md border border-line bg-surface px-4 py-2 text-sm font-medium hover:bg-canvas">Find</button>
      {hint && <p className="basis-full text-xs text-muted">{hint}</p>}
    </form>
  );
}

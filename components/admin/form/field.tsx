import type { ReactNode } from "react";

export const controlClass =
  "block w-full rounded-md border border-line bg-surface px-3 py-2 text-sm shadow-xs focus:border-accent-600 focus:outline-none focus:ring-2 focus:ring-accent-100 aria-invalid:border-danger-700";
export const inputClass = `mt-1 ${controlClass}`;

/** Errors for a field and for its parts (a list field's `bins.2`). */
export function errorsFor(fields: Record<string, string[]>, name: string): string[] {
  return Object.entries(fields)
    .filter(([key]) => key === name || key.startsWith(`${name}.`))
    .flatMap(([, messages]) => messages);
}

type Props = {
  label: string;
  /** The control's id; the error text is linked to it for screen readers. */
  htmlFor: string;
  errors?: string[];
  hint?: ReactNode;
  children: ReactNode;
};

export function Field({ label, htmlFor, errors = [], hint, children }: Props) {
  return (
    <div>
      <label htmlFor={htmlFor} className="block text-sm font-medium">{label}</label>
      {children}
      {hint && errors.length === 0 && <p className="mt-1 text-xs text-muted">{hint}</p>}
      {errors.length > 0 && (
        <p id={`${htmlFor}-error`} className="mt-1 text-xs text-danger-700" data-testid={`${htmlFor}-error`}>
          {errors.join("; ")}
        </p>
      )}
    </div>
  );
}

/** Props that wire a control to its Field's error message. */
export function invalidProps(id: string, errors: string[]) {
  return errors.length > 0 ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {};
}

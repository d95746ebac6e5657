import type { InputHTMLAttributes, Ref } from "react";

const inputClass =
  "mt-1 block w-full rounded-md border border-line bg-surface px-3 py-2 text-sm shadow-xs focus:border-accent-600 focus:outline-none focus:ring-2 focus:ring-accent-100 aria-invalid:border-danger-700 aria-invalid:ring-danger-50";

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, "name"> & {
  ref: Ref<HTMLInputElement>;
  id: string;
  label: string;
  /** This field's own problem, shown under it. */
  error?: string;
  /** The id of a message about the whole form that also concerns this field. */
  sharedError?: string;
};

/** A labelled input whose error sits right under it, marked invalid and linked for screen readers. */
export function LoginField({ ref, id, label, error, sharedError, ...input }: Props) {
  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : null, sharedError ?? null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">{label}</label>
      <input
        ref={ref} id={id} name={id} required aria-invalid={error || sharedError ? true : undefined} aria-describedby={describedBy}
        className={inputClass} {...input}
      />
      {error && <p id={errorId} className="mt-1 text-sm text-danger-700">{error}</p>}
    </div>
  );
}

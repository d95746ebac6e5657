import Link from "next/link";

const controlClass =
  "block w-full rounded-md border border-line bg-surface px-3 py-2 text-sm shadow-xs focus:border-accent-600 focus:outline-none focus:ring-2 focus:ring-accent-100";

type Props = { action: string; q: string; label: string; placeholder: string };

/** A plain GET form: the query lives in the URL, so a search works before hydration, can be bookmarked and paged. */
export function SearchForm({ action, q, label, placeholder }: Props) {
  const id = `search-${action.replace(/[^a-z0-9]+/gi, "-")}`;
  return (
    <form method="get" action={action} role="search" className="flex flex-wrap items-end gap-2 px-5 py-3">
      <div className="min-w-0 flex-1 basis-48">
        <label htmlFor={id} className="sr-only">{label}</label>
        <input id={id} name="q" type="search" defaultValue={q} placeholder={placeholder} className={controlClass} />
      </div>
      <button type="submit" className="rounded-md border border-line bg-surface px-4 py-2 text-sm font-medium hover:bg-canvas">Search</button>
      {q && <Link href={action} className="px-2 py-2 text-sm text-muted hover:text-ink">Clear</Link>}
    </form>
  );
}

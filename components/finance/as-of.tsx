import Link from "next/link";
import { controlClass } from "@/components/admin/form/field";
import { localInput, whenText } from "@/components/warehouse/format";
import { AsOfIgnored } from "./as-of-ignored";

type Keep = Record<string, string | undefined>;

/**
 * The moment a page shows. A GET form, so the moment lives in the URL and every
 * figure on the page reads it; the page's other filters ride along hidden.
 */
export function AsOfForm({ action, asOf, keep = {} }: { action: string; asOf: string | null; keep?: Keep }) {
  const kept = Object.entries(keep).filter((entry): entry is [string, string] => Boolean(entry[1]));
  const now = `${action}${kept.length ? `?${new URLSearchParams(kept)}` : ""}`;
  return (
    <form method="get" action={action} aria-label="Moment" className="flex flex-wrap items-end gap-3">
      {kept.map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
      <label className="text-sm font-medium">
        As of (UTC)
        <input type="datetime-local" name="asOf" defaultValue={localInput(asOf)} className={`mt-1 ${controlClass}`} />
      </label>
      <button type="submit" className="rounded-md border border-line bg-surface px-4 py-2 text-sm font-medium hover:bg-canvas">Show</button>
      {asOf && <Link href={now} className="py-2 text-sm font-medium text-accent-700 hover:underline">Back to now</Link>}
    </form>
  );
}

/** Unmissable when the figures are not today's: a past moment is easy to forget in a bookmarked URL. */
export function AsOfBanner({ asOf }: { asOf: string | null }) {
  if (!asOf) return <AsOfIgnored />;
  return (
    <p role="status" data-testid="as-of-banner" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-200">
      Every figure on this page is <strong>as of {whenText(asOf)}</strong>, not now.
    </p>
  );
}

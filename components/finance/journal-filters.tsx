import Link from "next/link";
import { controlClass } from "@/components/admin/form/field";
import { ACCOUNT_LABEL, ACCOUNTS } from "./labels";
import { isFiltered, type JournalQuery } from "./journal-href";

/** A GET form: the filters live in the URL, so a filtered journal can be bookmarked, paged and exported. */
export function JournalFilters({ query }: { query: JournalQuery }) {
  return (
    <form method="get" action="/finance/journal" role="search" aria-label="Filter the journal" className="mb-6 flex flex-wrap items-end gap-3 rounded-lg border border-line bg-surface p-4 shadow-xs">
      <label className="text-sm font-medium">
        From
        <input type="date" name="from" defaultValue={query.from ?? ""} className={`mt-1 ${controlClass}`} />
      </label>
      <label className="text-sm font-medium">
        To
        <input type="date" name="to" defaultValue={query.to ?? ""} className={`mt-1 ${controlClass}`} />
      </label>
      <label className="min-w-36 flex-1 text-sm font-medium">
        SKU
        <input type="search" name="sku" defaultValue={query.sku ?? ""} placeholder="CHAIR-01" autoComplete="off" className={`mt-1 ${controlClass}`} />
      </label>
      <label className="text-sm font-medium">
        Account
        <select name="account" defaultValue={query.account ?? ""} className={`mt-1 ${controlClass}`}>
          <option value="">Every account</option>
          {ACCOUNTS.map((account) => <option key={account} value={account}>{ACCOUNT_LABEL[account]}</option>)}
        </select>
      </label>
      <button type="submit" className="rounded-md bg-accent-700 px-4 py-2 text-sm font-medium text-white hover:bg-accent-800">Show</button>
      {isFiltered(query) && <Link href="/finance/journal" className="py-2 text-sm font-medium text-accent-700 hover:underline">Clear</Link>}
    </form>
  );
}

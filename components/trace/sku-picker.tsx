import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";

export const inputClass =
  "block w-full rounded-md border border-line bg-surface px-3 py-2 text-sm shadow-xs focus:border-accent-600 focus:outline-none focus:ring-2 focus:ring-accent-100";

/** A plain GET form to /trace?sku=…, which redirects to that SKU's timeline. */
export function SkuPicker({ sku = "", problem }: { sku?: string; problem?: string }) {
  return (
    <>
      <PageHeader title="Trace a SKU" description="Every event of one SKU from purchase order to financial close, with what it did to each view and the journal." />
      <Card title="Which SKU?">
        {problem && <p role="alert" data-testid="trace-problem" className="mb-3 text-sm font-medium text-danger-700">{problem}</p>}
        <form method="get" action="/trace" role="search" className="flex flex-wrap items-end gap-2">
          <div className="min-w-0 flex-1 basis-48">
            <label htmlFor="trace-sku" className="mb-1 block text-sm font-medium">SKU code</label>
            <input id="trace-sku" name="sku" defaultValue={sku} required placeholder="e.g. CHAIR-01" className={inputClass} autoComplete="off" />
          </div>
          <button type="submit" className="rounded-md bg-accent-700 px-4 py-2 text-sm font-medium text-white hover:bg-accent-800">Trace</button>
        </form>
      </Card>
    </>
  );
}

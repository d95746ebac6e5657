import Link from "next/link";
import type { ValuationPage } from "@/lib/server/views/finance/types";
import type { LocationOption } from "@/lib/server/views/warehouse-stock";
import { Pager } from "@/components/admin/pager";
import { PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/ui/stat";
import { whenText } from "@/components/warehouse/format";
import { AsOfBanner } from "./as-of";
import { Money, unitsText } from "./money";
import { PhoneSort, ValuationFilters } from "./valuation-filters";
import { valuationHref, type ValuationQuery } from "./valuation-href";
import { ValuationTable } from "./valuation-table";

/**
 * The figures of the tiles: every SKU and location, whatever the table's filter.
 * GRNI is the open documents' value; in transit is the journal's inventory-in-transit
 * balance (inbound under FOB shipping point, outbound under FOB destination).
 */
export type ValuationSummary = { value: string; owned: number; grni: { value: string; documents: number }; inTransit: string };

type Props = { data: ValuationPage; summary: ValuationSummary; locations: LocationOption[]; query: ValuationQuery };

export function ValuationScreen({ data, summary, locations, query }: Props) {
  return (
    <>
      <PageHeader
        title="Finance overview"
        description={
          <>
            What we own and what it is worth, by SKU and location{query.asOf ? <>, as of <strong>{whenText(query.asOf)}</strong></> : ", now"}.
          </>
        }
      />
      <AsOfBanner asOf={query.asOf} />
      <dl className="mb-6 grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4" aria-label="Valuation totals">
        <Stat label="Inventory value" value={<Money value={summary.value} className="max-sm:text-xl" />} hint="Every SKU and location, at cost" />
        <Stat label="Owned units" value={<span className="max-sm:text-xl">{unitsText(summary.owned)}</span>} hint="Physical, plus owned in transit" />
        <Stat label="Received, not invoiced" value={<Link href={query.asOf ? `/finance/grni?asOf=${encodeURIComponent(query.asOf)}` : "/finance/grni"} className="hover:underline"><Money value={summary.grni.value} className="max-sm:text-xl" /></Link>} hint={`GRNI at PO cost, ${summary.grni.documents} open ${summary.grni.documents === 1 ? "document" : "documents"}`} />
        <Stat label="Owned in transit" value={<Money value={summary.inTransit} className="max-sm:text-xl" />} hint="From suppliers and to customers, at cost (included in the value)" />
      </dl>
      <section aria-labelledby="valuation-title" className="overflow-hidden rounded-lg border border-line bg-surface shadow-xs">
        <header className="border-b border-line px-5 py-3">
          <h2 id="valuation-title" className="text-base font-semibold">Valuation</h2>
          <p className="mt-0.5 text-sm text-muted">
            Owned units and their value per SKU and location. <strong>Valued</strong> leaves out customer returns awaiting inspection (marked *).
          </p>
        </header>
        <ValuationFilters query={query} locations={locations} />
        <PhoneSort query={query} />
        <div className="border-t border-line">
          <ValuationTable data={data} query={query} />
        </div>
        <Pager page={data.page} pageCount={data.pageCount} total={data.total} noun="rows" href={(page) => valuationHref(query, { page })} />
      </section>
    </>
  );
}

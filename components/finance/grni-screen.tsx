import Link from "next/link";
import type { GrniAging, GrniRow } from "@/lib/server/views/finance/types";
import { Pager } from "@/components/admin/pager";
import { Card } from "@/components/ui/card";
import { CodeText } from "@/components/ui/code-text";
import { PageHeader } from "@/components/ui/page-header";
import { ReflowTable, type ReflowColumn } from "@/components/ui/reflow-table";
import { Stat } from "@/components/ui/stat";
import { fullDay } from "@/components/sales/format";
import { whenText } from "@/components/warehouse/format";
import { AsOfBanner, AsOfForm } from "./as-of";
import { Money, sumMoney } from "./money";
import { AGE_BUCKETS, bucketOf, type AgeBucket } from "./age-buckets";
import { GrniAgingChart } from "./grni-aging-chart";

const skuLink = (sku: string, asOf: string | null) => `/finance/skus/${encodeURIComponent(sku)}${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ""}`;

/** `canRecord`: the viewer may post supplier invoices, so each open document links to the form for its invoice. */
function columns(asOf: string | null, canRecord: boolean): ReflowColumn<GrniRow>[] {
  return [
    {
      header: "Document",
      cell: (row) => (
        <span className="grid">
          <CodeText>{row.po}</CodeText>
          <span className="text-xs text-muted">{row.supplier ?? "no supplier named"}</span>
          {!asOf && canRecord && (
            <Link href={invoiceLink(row)} className="text-xs text-accent-700 hover:underline" aria-label={`Record invoice for ${row.po}, ${row.sku}`}>
              Record invoice
            </Link>
          )}
        </span>
      ),
    },
    { header: "SKU", cell: (row) => <Link href={skuLink(row.sku, asOf)} className="text-accent-700 hover:underline"><CodeText>{row.sku}</CodeText></Link> },
    { header: "Location", cell: (row) => <CodeText>{row.location}</CodeText> },
    { header: "Since", cell: (row) => <span className="whitespace-nowrap">{fullDay(row.since)}</span> },
    { header: "Age", align: "right", cell: (row) => <span className="whitespace-nowrap tabular-nums">{row.ageDays} d</span> },
    { header: "To invoice", phoneLabel: "Units", align: "right", cell: (row) => row.qty },
    ...AGE_BUCKETS.map((bucket): ReflowColumn<GrniRow> => ({
      header: bucket.label,
      align: "right",
      cell: (row) => (bucketOf(row.ageDays).key === bucket.key ? <Money value={row.value} className={bucket.key === "over90" ? "font-semibold" : ""} /> : <span className="text-slate-300">·</span>),
    })),
  ];
}

/** The Record screen's invoice form, filled in with the document's PO, SKU, location and units still to invoice. */
const invoiceLink = (row: GrniRow) => `/finance/record?${new URLSearchParams({ po: row.po, sku: row.sku, location: row.location, qty: String(row.qty) })}#invoice-form`;

type Totals = { bucket: AgeBucket; value: string; count: number }[];

/** Per age bucket, exact, when every open document is on this one page; a partial sum would mislead, so none then. */
function bucketTotals(data: GrniAging): Totals | null {
  if (data.rows.length < data.total) return null;
  return AGE_BUCKETS.map((bucket) => {
    const rows = data.rows.filter((row) => bucketOf(row.ageDays).key === bucket.key);
    return { bucket, value: sumMoney(rows.map((row) => row.value)), count: rows.length };
  });
}

export function GrniScreen({ data, asOf, canRecord }: { data: GrniAging; asOf: string | null; canRecord: boolean }) {
  const totals = bucketTotals(data);
  const href = (page: number) => `/finance/grni?${new URLSearchParams({ ...(asOf ? { asOf } : {}), page: String(page) })}`;
  return (
    <>
      <PageHeader
        title="Received, not invoiced"
        description={<>Goods received (or owned in transit) that no supplier invoice has matched yet, per document, oldest first{asOf ? <>, as of <strong>{whenText(asOf)}</strong></> : ", now"}. Age counts from the first receipt.</>}
      />
      <div className="mb-4"><AsOfForm action="/finance/grni" asOf={asOf} /></div>
      <AsOfBanner asOf={asOf} />
      <dl className="mb-6 grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4" aria-label="GRNI totals">
        <Stat label="GRNI" value={<Money value={data.value} className="max-sm:text-xl" />} hint={`${data.total} open ${data.total === 1 ? "document" : "documents"}, at PO cost`} />
        {totals?.slice(1).map(({ bucket, value, count }) => (
          <Stat key={bucket.key} label={`${bucket.label} days old`} value={<Money value={value} className="max-sm:text-xl" />} hint={`${count} ${count === 1 ? "document" : "documents"}`} />
        ))}
      </dl>
      <div className="grid gap-6">
        {totals && data.total > 0 && (
          <Card title="Aging" description="Open GRNI value per age bucket.">
            <GrniAgingChart buckets={totals.map(({ bucket, value, count }) => ({ label: bucket.label, value, count, tone: bucket.tone }))} />
          </Card>
        )}
        <Card title="Open documents" description="Value in the bucket of its age; units are what may still be invoiced." flush>
          <ReflowTable caption="GRNI by document and age" columns={columns(asOf, canRecord)} rows={data.rows} rowKey={(row) => `${row.po}:${row.sku}`} rowTestId="grni-row" phoneColumns={3} empty="Every receipt has been invoiced: nothing is waiting on a supplier invoice." />
          <Pager page={data.page} pageCount={data.pageCount} total={data.total} noun="documents" href={href} />
        </Card>
      </div>
    </>
  );
}

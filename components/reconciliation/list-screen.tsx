import Link from "next/link";
import { Pager } from "@/components/admin/pager";
import { AsOfBanner, AsOfForm } from "@/components/finance/as-of";
import { moneyText } from "@/components/finance/money";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ReflowTable, type ReflowColumn } from "@/components/ui/reflow-table";
import { SearchForm } from "@/components/ui/search-form";
import { Stat } from "@/components/ui/stat";
import type { ReconciliationList, ReconciliationListRow } from "@/lib/server/views/reconciliation/list";
import { Remainder } from "./format";

const PATH = "/reconciliation";

function hrefOf(q: string, asOf: string | null) {
  return (page: number) => {
    const params = new URLSearchParams(Object.entries({ q, asOf: asOf?.slice(0, 16) ?? "", page: page > 1 ? String(page) : "" }).filter(([, v]) => v));
    return params.size ? `${PATH}?${params}` : PATH;
  };
}

export function ReconciliationListScreen({ data, q, asOf }: { data: ReconciliationList; q: string; asOf: string | null }) {
  const skuHref = (sku: string) => `${PATH}/${encodeURIComponent(sku)}${asOf ? `?asOf=${encodeURIComponent(asOf.slice(0, 16))}` : ""}`;
  const columns: ReflowColumn<ReconciliationListRow>[] = [
    { header: "SKU", cell: (r) => <Link href={skuHref(r.sku)} className="font-medium text-accent-700 hover:underline">{r.sku}<span className="block text-xs font-normal text-muted">{r.name}</span></Link> },
    { header: "On hand", align: "right", cell: (r) => <span className="tabular-nums">{r.onHand.toLocaleString("en-GB")}</span> },
    { header: "Owned", align: "right", cell: (r) => <span className="tabular-nums">{r.owned.toLocaleString("en-GB")}</span> },
    { header: "Journal value", phoneLabel: "Journal", align: "right", cell: (r) => <span className="tabular-nums">{moneyText(r.journal)}</span> },
    { header: "On hand → ATP", phoneLabel: "ATP", align: "right", cell: (r) => <Remainder value={r.unexplained.atp} /> },
    { header: "Owned → on hand", phoneLabel: "Owned", align: "right", cell: (r) => <Remainder value={r.unexplained.owned} /> },
    { header: "Journal → layers", phoneLabel: "Value", align: "right", cell: (r) => <Remainder value={r.unexplained.value} /> },
  ];
  return (
    <>
      <PageHeader
        title="Reconciliation"
        description="The three identities of the model for every SKU: on hand against what sales can promise, owned against on hand, and the journal against the cost layers. Each remainder must be zero; any that is not comes first."
      />
      <AsOfBanner asOf={asOf} />
      <div className="mb-4"><AsOfForm action={PATH} asOf={asOf} keep={{ q }} /></div>
      <dl className="mb-6 grid gap-3 sm:grid-cols-3">
        <Stat label="SKUs checked" value={data.total.toLocaleString("en-GB")} />
        <Stat label="With a remainder" value={<span className={data.failing ? "text-danger-700" : ""} data-testid="failing-count">{data.failing}</span>} hint={data.failing ? "listed first" : "every identity holds"} />
        <Stat label="Remainders shown" value="3 per SKU" hint="units, units, money" />
      </dl>
      <Card title="SKUs" description="Unexplained remainder of each identity. Open a SKU for its buckets, the events behind them and what to chase." flush>
        <SearchForm action={PATH} q={q} label="Search SKUs" placeholder="SKU or name" />
        <ReflowTable caption="Reconciliation per SKU" columns={columns} rows={data.rows} rowKey={(r) => r.sku} rowTestId="reconciliation-row" phoneColumns={3} empty="No SKU matches." />
        <Pager page={data.page} pageCount={data.pageCount} total={data.total} noun="SKUs" href={hrefOf(q, asOf)} />
      </Card>
    </>
  );
}

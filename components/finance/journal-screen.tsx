import Link from "next/link";
import type { JournalLineView, JournalPage, TrialBalance } from "@/lib/server/views/finance/types";
import { Pager } from "@/components/admin/pager";
import { typeLabel } from "@/components/approvals/decider";
import { Card } from "@/components/ui/card";
import { CodeText } from "@/components/ui/code-text";
import { PageHeader } from "@/components/ui/page-header";
import { ReflowTable, type ReflowColumn } from "@/components/ui/reflow-table";
import { whenText } from "@/components/warehouse/format";
import { JournalFilters } from "./journal-filters";
import { isFiltered, journalCsvHref, journalHref, type JournalQuery } from "./journal-href";
import { ACCOUNT_LABEL } from "./labels";
import { Money } from "./money";
import { TrialBalanceTable } from "./trial-balance-table";

const zero = (amount: string) => !/[1-9]/.test(amount);

function columns(query: JournalQuery): ReflowColumn<JournalLineView>[] {
  return [
    {
      header: "Event",
      cell: (line) => (
        <span className="grid">
          <span className="font-medium">{typeLabel(line.type)}</span>
          <span className="text-xs text-muted">
            <Link href={journalHref({ ...query, ...eventFilter(line), page: 1 })} className="font-mono text-accent-700 hover:underline" title={`Every line of event #${line.seq} (group ${line.group})`}>#{line.seq}</Link>
            {" · "}<span className="whitespace-nowrap">{whenText(line.occurredAt)}</span>
          </span>
        </span>
      ),
    },
    { header: "SKU", cell: (line) => <Link href={`/finance/skus/${encodeURIComponent(line.sku)}`} className="text-accent-700 hover:underline"><CodeText>{line.sku}</CodeText></Link> },
    { header: "Location", cell: (line) => <CodeText>{line.location}</CodeText> },
    { header: "Document", cell: (line) => (line.doc ? <CodeText>{line.doc}</CodeText> : <span className="text-muted">—</span>) },
    { header: "Account", phoneLabel: "Account", cell: (line) => <span className="sm:whitespace-nowrap">{ACCOUNT_LABEL[line.account] ?? line.account}</span> },
    { header: "Debit", align: "right", cell: (line) => (zero(line.debit) ? <span className="text-muted">—</span> : <Money value={line.debit} />) },
    { header: "Credit", align: "right", cell: (line) => (zero(line.credit) ? <span className="text-muted">—</span> : <Money value={line.credit} />) },
  ];
}

/** One event's lines: the SKU and the day it happened, every account. */
function eventFilter(line: JournalLineView): Partial<JournalQuery> {
  const day = line.occurredAt.slice(0, 10);
  return { sku: line.sku, from: day, to: day, account: undefined };
}

/** A trial balance covers every account (one account alone never balances), so the account filter does not apply to it. */
function tbText(query: JournalQuery): string {
  const range = [query.sku && `SKU ${query.sku}`, query.from && `from ${query.from}`, query.to && `to ${query.to}`].filter(Boolean).join(", ");
  const scope = range ? `Lines for ${range}, every account.` : "Every line, every account.";
  return query.account ? `${scope} The account filter narrows the journal lines, not the trial balance.` : scope;
}

type Props = { journal: JournalPage | null; balance: TrialBalance | null; query: JournalQuery; problem?: string };

export function JournalScreen({ journal, balance, query, problem }: Props) {
  const filtered = isFiltered(query);
  const range = [query.sku && `SKU ${query.sku}`, query.account && ACCOUNT_LABEL[query.account], query.from && `from ${query.from}`, query.to && `to ${query.to}`].filter(Boolean).join(", ");
  return (
    <>
      <PageHeader title="Journal" description="Every posting the ledger made, double entry, each line from the event that caused it. Dates are business days (UTC)." />
      <JournalFilters query={query} />
      {problem && <p role="alert" className="mb-6 rounded-md bg-danger-50 px-3 py-2 text-sm text-danger-700">{problem}</p>}
      <div className="grid gap-6">
        {balance && (
          <Card title="Trial balance" description={tbText(query)} flush>
            <TrialBalanceTable balance={balance} caption="Trial balance for the journal's filters" />
          </Card>
        )}
        {journal && (
          <section aria-labelledby="journal-title" className="overflow-hidden rounded-lg border border-line bg-surface shadow-xs">
            <header className="flex flex-wrap items-start justify-between gap-3 border-b border-line px-5 py-3">
              <div>
                <h2 id="journal-title" className="text-base font-semibold">Journal lines</h2>
                <p className="mt-0.5 text-sm text-muted">{filtered ? `${range}; ` : "Every line, "}in the order they happened (oldest first).</p>
              </div>
              <a href={journalCsvHref(query)} download className="rounded-md border border-line bg-surface px-3 py-1.5 text-sm font-medium hover:bg-canvas" data-testid="journal-csv">
                Download CSV
              </a>
            </header>
            <ReflowTable caption="Journal lines" columns={columns(query)} rows={journal.lines} rowKey={(line) => String(line.id)} rowTestId="journal-line" empty={filtered ? "No journal lines match these filters." : "The journal is empty: nothing has been valued yet."} />
            <Pager page={journal.page} pageCount={journal.pageCount} total={journal.total} noun="lines" href={(page) => journalHref(query, page)} />
          </section>
        )}
      </div>
    </>
  );
}

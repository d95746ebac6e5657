import Link from "next/link";
import { Card } from "@/components/ui/card";
import { CodeText } from "@/components/ui/code-text";
import { Stat } from "@/components/ui/stat";
import { TRACE_CHECKS } from "@/lib/domain/trace/completeness";
import type { Traceability } from "@/lib/server/views/overview/types";
import { INCOMPLETE_LIST_SIZE } from "@/lib/server/views/overview/traceability";

export function TraceabilityCard({ data, page }: { data: Traceability; page: number }) {
  const pages = Math.max(1, Math.ceil(data.incompleteTotal / INCOMPLETE_LIST_SIZE));
  return (
    <Card title="Can every SKU be traced order → close?" description="Without a spreadsheet: from the ledger, its documents and the journal alone.">
      <dl className="grid grid-cols-2 gap-3" data-testid="answer-traceability">
        <Stat label="SKUs traced complete" value={`${data.share}%`} hint={`${data.complete} of ${data.total} with history`} />
        <Stat label="Incomplete" value={data.incompleteTotal} hint={data.incompleteTotal ? "listed below with the reason" : "none"} />
      </dl>
      <details className="mt-4 text-sm">
        <summary className="cursor-pointer font-medium">What “complete” means</summary>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-muted">
          {Object.values(TRACE_CHECKS).map((text) => <li key={text}>{text}</li>)}
        </ul>
      </details>
      {data.incomplete.length > 0 && (
        <ul className="mt-4 divide-y divide-line rounded-md border border-line text-sm" data-testid="incomplete-skus">
          {data.incomplete.map((row) => (
            <li key={row.sku} className="px-3 py-2">
              <Link href={`/trace/${encodeURIComponent(row.sku)}`} className="text-accent-700 hover:underline"><CodeText>{row.sku}</CodeText></Link>{" "}
              <span className="text-muted">{row.name}</span>
              <ul className="mt-0.5 text-xs text-danger-700">
                {row.reasons.map((r) => (
                  <li key={r.check}>{r.count} × not so: {TRACE_CHECKS[r.check]}{r.firstSeq !== null && <> (first at #{r.firstSeq})</>}</li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 && (
        <nav aria-label="incomplete SKUs pages" className="mt-2 flex justify-between text-sm">
          {page > 1 ? <Link href={`/overview?page=${page - 1}`} className="text-accent-700 hover:underline">← Previous</Link> : <span />}
          <span className="text-muted">page {page} of {pages}</span>
          {page < pages ? <Link href={`/overview?page=${page + 1}`} className="text-accent-700 hover:underline">Next →</Link> : <span />}
        </nav>
      )}
    </Card>
  );
}

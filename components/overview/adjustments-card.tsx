import { Money } from "@/components/finance/money";
import { periodName } from "@/components/finance/labels";
import { Card } from "@/components/ui/card";
import type { AdjustmentKind, Adjustments } from "@/lib/server/views/overview/types";

const KIND_LABEL: Record<AdjustmentKind, string> = { reverse: "Reversals", count: "Count variances", writeoff: "Write-offs" };

export function AdjustmentsCard({ data }: { data: Adjustments }) {
  const total = (key: "current" | "previous") => data.rows.reduce((sum, row) => sum + row[key].count, 0);
  return (
    <Card title="How many entries exist only to force balance?" flush description="Manual adjustments and their effect on the inventory accounts (net; gross below it).">
      <table className="w-full text-sm" data-testid="answer-adjustments">
        <caption className="sr-only">Manual adjustments this month and last</caption>
        <thead className="bg-canvas text-xs text-muted uppercase">
          <tr>
            <th scope="col" className="px-4 py-2 text-left font-semibold sm:px-5">Kind</th>
            <th scope="col" className="px-4 py-2 text-right font-semibold sm:px-5">{periodName(data.thisPeriod)}</th>
            <th scope="col" className="px-4 py-2 text-right font-semibold sm:px-5">{periodName(data.lastPeriod)}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {data.rows.map((row) => (
            <tr key={row.kind}>
              <th scope="row" className="px-4 py-2 text-left font-medium sm:px-5">{KIND_LABEL[row.kind]}</th>
              {[row.current, row.previous].map((f, i) => (
                <td key={i} className="px-4 py-2 text-right align-top sm:px-5">
                  <span className="font-semibold tabular-nums">{f.count}</span> · <Money value={f.net} />
                  <span className="block text-xs text-muted">gross <Money value={f.gross} /></span>
                </td>
              ))}
            </tr>
          ))}
          <tr className="bg-canvas/60">
            <th scope="row" className="px-4 py-2 text-left sm:px-5">All</th>
            <td className="px-4 py-2 text-right font-semibold tabular-nums sm:px-5">{total("current")}</td>
            <td className="px-4 py-2 text-right font-semibold tabular-nums sm:px-5">{total("previous")}</td>
          </tr>
        </tbody>
      </table>
    </Card>
  );
}

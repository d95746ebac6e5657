import { Money } from "@/components/finance/money";
import { periodName } from "@/components/finance/labels";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Stat } from "@/components/ui/stat";
import { whenText } from "@/components/warehouse/format";
import type { CloseStatus } from "@/lib/server/views/overview/types";

export function CloseCard({ close }: { close: CloseStatus | null }) {
  return (
    <Card title="Do all views close on the same timeline?" description="The last closed month: what its close stored, beside the views recomputed as of its last instant.">
      {!close ? (
        <EmptyState title="No month has been closed yet." />
      ) : (
        <div data-testid="answer-close">
          <p className="mb-3 flex flex-wrap items-center gap-2 text-sm">
            <strong>{periodName(close.period)}</strong>
            <Badge tone={close.reconciled ? "positive" : "warning"} data-testid="close-status">{close.reconciled ? "Reconciled" : "Does not reconcile"}</Badge>
            <span className="text-muted">closed {whenText(close.closedAt)} by {close.closedBy}</span>
          </p>
          <dl className="grid gap-3 sm:grid-cols-2">
            <Stat label="Value stored at close" value={<Money value={close.stored.value} />} hint={<>recomputed <Money value={close.recomputed.value} /> · journal <Money value={close.journalValue} /></>} />
            <Stat label="Owned units stored" value={close.stored.owned} hint={`recomputed ${close.recomputed.owned} · on hand ${close.recomputed.onHand}`} />
            <Stat label="Rows that differ" value={close.differingRows} hint="SKU × location, stored vs recomputed" />
            <Stat label="SKUs with a remainder" value={close.identities.failing} hint={`of ${close.identities.total}, the reconciliation's three identities`} />
          </dl>
        </div>
      )}
    </Card>
  );
}

import type { Role } from "@/lib/domain/roles";
import type { ApprovalView } from "@/lib/server/ledger/approval-store";
import { TimeText } from "@/components/admin/time-text";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { CodeText } from "@/components/ui/code-text";
import { EmptyState } from "@/components/ui/empty-state";
import { deciderFor, quantityText, typeLabel, type Decider } from "./decider";
import { DecisionControls } from "./decision-controls";
import { ValueAtStake } from "./value-at-stake";

function Decision({ approval, decider }: { approval: ApprovalView; decider: Decider }) {
  if (decider.kind === "may-decide") return <DecisionControls id={approval.id} label={`${typeLabel(approval.type)} ${approval.sku ?? ""}`} />;
  const text = decider.kind === "own-request" ? "Your request — another approver must decide" : `Awaiting a ${decider.roles} approver`;
  return <p className="text-sm text-muted sm:w-64 sm:text-right">{text}</p>;
}

/** "WH-EAST AVAILABLE bin A-01": where units leave or land. */
function legEnd(end: ApprovalView["legs"][number]["from"]): string {
  return [end.location, end.state.replaceAll("_", " "), end.bin && `bin ${end.bin}`, end.doc && `(${end.doc})`].filter(Boolean).join(" ");
}

function PendingItem({ approval, user }: { approval: ApprovalView; user: { id: string; role: Role } }) {
  return (
    <li className="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-start sm:justify-between" data-testid="pending-approval">
      <div className="grid gap-1 text-sm">
        <p className="flex flex-wrap items-center gap-2">
          <Badge tone="warning">{typeLabel(approval.type)}</Badge>
          {approval.sku && <CodeText>{approval.sku}</CodeText>}
          {approval.qty !== null && <span className="tabular-nums">{quantityText(approval.qty)}</span>}
        </p>
        <p className="font-medium">{approval.summary}</p>
        {approval.legs.length > 0 && (
          <ul className="text-xs text-muted" aria-label="Moves this approval posts">
            {approval.legs.map((leg, index) => (
              <li key={index} className="tabular-nums">
                Posts {leg.qty} · {legEnd(leg.from)} → {legEnd(leg.to)}
              </li>
            ))}
          </ul>
        )}
        {approval.reason && <p className="text-muted">Reason: {approval.reason}</p>}
        {approval.staleReason && (
          <p role="status" className="rounded-md bg-amber-50 px-2 py-1 text-amber-900 ring-1 ring-inset ring-amber-200">
            Could not be approved as shown: {approval.staleReason}
          </p>
        )}
        <p className="text-xs text-muted">
          Requested by {approval.requestedBy.name}, <TimeText iso={approval.requestedAt} />
        </p>
      </div>
      <div className="grid gap-3 sm:justify-items-end">
        <ValueAtStake type={approval.type} amount={approval.amount} />
        <Decision approval={approval} decider={deciderFor(approval, user)} />
      </div>
    </li>
  );
}

export function PendingApprovals({ approvals, user }: { approvals: ApprovalView[]; user: { id: string; role: Role } }) {
  return (
    <Card title="Pending" description={`${approvals.length} awaiting a decision`} flush>
      {approvals.length === 0 ? (
        <EmptyState title="Nothing is waiting for approval.">
          Write-offs, hold releases, counts beyond tolerance, returns without an order line, cost changes and reversals of these appear here.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-line">
          {approvals.map((approval) => <PendingItem key={approval.id} approval={approval} user={user} />)}
        </ul>
      )}
    </Card>
  );
}

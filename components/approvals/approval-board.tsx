import type { Role } from "@/lib/domain/roles";
import type { ApprovalBoardData } from "@/lib/server/views/approvals";
import { PageHeader } from "@/components/ui/page-header";
import { ApprovalHistory } from "./approval-history";
import { PendingApprovals } from "./pending-approvals";

type Props = { data: ApprovalBoardData; user: { id: string; role: Role }; historyLimit: number };

/** One board for every area: who may decide what follows from the permission table, not from the page. */
export function ApprovalBoard({ data, user, historyLimit }: Props) {
  return (
    <>
      <PageHeader
        title="Approvals"
        description="Moves that need a second person. You can decide requests your role approves, except your own."
      />
      <div className="grid gap-6">
        <PendingApprovals approvals={data.pending} user={user} />
        <ApprovalHistory approvals={data.decided} limit={historyLimit} />
      </div>
    </>
  );
}

// Each timing gap is cleared in one place: the queue whose action moves the units on.
import type { GapKind } from "@/lib/domain/reconciliation/types";

export const GAP: Record<GapKind, { label: string; href: string; clears: string }> = {
  receiving: { label: "Received, not inspected", href: "/warehouse/queues/receiving", clears: "Receipts to inspect" },
  returns: { label: "Returns awaiting inspection", href: "/warehouse/queues/returns", clears: "Returns to inspect" },
  holds: { label: "On quality hold", href: "/warehouse/queues/holds", clears: "Holds to release" },
  damaged: { label: "Damaged, awaiting write-off", href: "/finance/approvals", clears: "Write-off approvals" },
  rejected: { label: "Rejected, awaiting return to vendor", href: "/warehouse/queues/rejected", clears: "Returns to vendor" },
  transfer: { label: "Transfer in flight", href: "/warehouse/transfers", clears: "Transfers" },
  outbound: { label: "Shipped, not delivered", href: "/warehouse/queues/deliver", clears: "In transit to deliver" },
  inbound: { label: "Owned in transit from the supplier", href: "/warehouse/queues/inbound", clears: "Purchase orders to receive" },
  grni: { label: "Received, not invoiced", href: "/finance/grni", clears: "GRNI" },
};

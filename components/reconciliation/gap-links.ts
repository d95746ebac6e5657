// Each timing gap is cleared in one place: the queue whose action moves the units on.
import type { GapKind } from "@/lib/domain/reconciliation/types";
import type { Permission } from "@/lib/domain/roles";

/** `area`: who may open the queue (others are told which team clears it, not sent to a page they cannot open). */
export const GAP: Record<GapKind, { label: string; href: string; clears: string; area: Permission & `area.${string}` }> = {
  receiving: { label: "Received, not inspected", href: "/warehouse/queues/receiving", clears: "Receipts to inspect", area: "area.warehouse" },
  returns: { label: "Returns awaiting inspection", href: "/warehouse/queues/returns", clears: "Returns to inspect", area: "area.warehouse" },
  holds: { label: "On quality hold", href: "/warehouse/queues/holds", clears: "Holds to release", area: "area.warehouse" },
  damaged: { label: "Damaged, awaiting write-off", href: "/finance/approvals", clears: "Write-off approvals", area: "area.finance" },
  rejected: { label: "Rejected, awaiting return to vendor", href: "/warehouse/queues/rejected", clears: "Returns to vendor", area: "area.warehouse" },
  transfer: { label: "Transfer in flight", href: "/warehouse/transfers", clears: "Transfers", area: "area.warehouse" },
  outbound: { label: "Shipped, not delivered", href: "/warehouse/queues/deliver", clears: "In transit to deliver", area: "area.warehouse" },
  inbound: { label: "Owned in transit from the supplier", href: "/warehouse/queues/inbound", clears: "Purchase orders to receive", area: "area.warehouse" },
  grni: { label: "Received, not invoiced", href: "/finance/grni", clears: "GRNI", area: "area.finance" },
};

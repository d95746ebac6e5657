import type { Metadata } from "next";
import { ApprovalBoard } from "@/components/approvals/approval-board";
import { can } from "@/lib/domain/roles";
import { areaUser } from "@/lib/server/area";
import { approvalBoard, HISTORY_LIMIT } from "@/lib/server/views/approvals";

export const metadata: Metadata = { title: "Approvals · Warehouse" };

export default async function WarehouseApprovalsPage() {
  // The layout shows "Not allowed"; this check keeps the page from reading data regardless.
  const user = await areaUser("warehouse");
  if (!user || !can(user.role, "approvals.read")) return null;
  return <ApprovalBoard data={await approvalBoard()} user={{ id: user.id, role: user.role }} historyLimit={HISTORY_LIMIT} />;
}

import type { Metadata } from "next";
import { AuditScreen } from "@/components/admin/audit/audit-screen";
import { AUDIT_ACTIONS } from "@/components/admin/audit/audit-actions";
import { areaUser } from "@/lib/server/area";
import { auditPage } from "@/lib/server/admin/read";
import { pageParam } from "@/lib/server/views/admin";

export const metadata: Metadata = { title: "Audit log · Administration" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditPage({ searchParams }: Props) {
  if (!(await areaUser("admin"))) return null;
  const query = await searchParams;
  // Only a known action filters; anything else shows everything.
  const action = AUDIT_ACTIONS.find((known) => known.value === query.action)?.value;
  return <AuditScreen entries={await auditPage({ page: pageParam(query.page), action })} action={action ?? ""} />;
}

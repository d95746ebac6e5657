import Link from "next/link";
import { ROLE_LABEL } from "@/lib/domain/roles";
import type { AccountRow } from "@/lib/server/admin/read";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, type Column } from "@/components/ui/table";
import { TimeText } from "../time-text";

const COLUMNS: Column<AccountRow>[] = [
  {
    header: "Name",
    cell: (user) => (
      <Link href={`/admin/users/${user.id}`} className="font-medium text-accent-800 hover:underline">
        {user.name}
      </Link>
    ),
  },
  { header: "Email", cell: (user) => user.email },
  { header: "Role", cell: (user) => ROLE_LABEL[user.role] },
  { header: "Kind", cell: (user) => (user.kind === "service" ? <Badge tone="info">Service account</Badge> : "Person") },
  { header: "Status", cell: (user) => (user.active ? <Badge tone="positive">Active</Badge> : <Badge>Inactive</Badge>) },
  { header: "Created", cell: (user) => <TimeText iso={user.createdAt} /> },
  {
    header: "Manage",
    align: "right",
    cell: (user) => (
      <Link href={`/admin/users/${user.id}`} className="text-sm font-medium text-accent-800 hover:underline" aria-label={`Manage ${user.name}`}>
        Manage
      </Link>
    ),
  },
];

export function UserList({ users }: { users: AccountRow[] }) {
  const active = users.filter((user) => user.active).length;
  return (
    <Card title="Accounts" description={`${users.length} accounts, ${active} active`} flush>
      <Table caption="Accounts" columns={COLUMNS} rows={users} rowKey={(user) => user.id} empty="No users yet." />
    </Card>
  );
}

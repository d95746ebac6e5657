import { ROLE_LABEL } from "@/lib/domain/roles";
import type { UserRow } from "@/lib/server/views/catalogue";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, type Column } from "@/components/ui/table";

const COLUMNS: Column<UserRow>[] = [
  { header: "Name", cell: (user) => <span className="font-medium">{user.name}</span> },
  { header: "Email", cell: (user) => user.email },
  { header: "Role", cell: (user) => ROLE_LABEL[user.role] },
  {
    header: "Active",
    cell: (user) => (user.active ? <Badge tone="positive">Active</Badge> : <Badge>Inactive</Badge>),
  },
];

export function UserTable({ users }: { users: UserRow[] }) {
  return (
    <Card title="Users" description={`${users.length} accounts`} flush>
      <Table caption="Users" columns={COLUMNS} rows={users} rowKey={(user) => user.id} empty="No users yet." />
    </Card>
  );
}

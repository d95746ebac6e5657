import type { AdminUserRow } from "@/lib/server/views/admin";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { CreateUserForm } from "./create-user-form";
import { UserList } from "./user-list";

export function UsersScreen({ users }: { users: AdminUserRow[] }) {
  return (
    <>
      <PageHeader title="Users" description="Who can sign in, and with which role. Open a person to change their role, status, password or API tokens." />
      <div className="grid gap-6">
        <UserList users={users} />
        <Card title="New user">
          <CreateUserForm />
        </Card>
      </div>
    </>
  );
}

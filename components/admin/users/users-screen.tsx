import type { AccountRow } from "@/lib/server/admin/read";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { CreateUserForm } from "./create-user-form";
import { UserList } from "./user-list";

export function UsersScreen({ users }: { users: AccountRow[] }) {
  return (
    <>
      <PageHeader title="Users" description="Who can sign in, and with which role, and the service accounts integrations act as. Open an account to change its role, status, password or API tokens." />
      <div className="grid gap-6">
        <UserList users={users} />
        <Card title="New user">
          <CreateUserForm />
        </Card>
      </div>
    </>
  );
}

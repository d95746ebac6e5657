import Link from "next/link";
import { ROLE_LABEL } from "@/lib/domain/roles";
import type { Paged, TokenRow } from "@/lib/server/views/admin";
import type { AccountRow } from "@/lib/server/admin/read";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { IssueTokenForm } from "../tokens/issue-token-form";
import { TokenTable } from "../tokens/token-table";
import { Pager } from "../pager";
import { PasswordForm } from "./password-form";
import { RoleForm } from "./role-form";
import { StatusForm } from "./status-form";

type Props = { user: AccountRow; tokens: Paged<TokenRow>; isSelf: boolean };

export function UserDetail({ user, tokens, isSelf }: Props) {
  const service = user.kind === "service";
  return (
    <>
      <Link href="/admin/users" className="text-sm text-muted hover:text-ink">← All users</Link>
      <PageHeader
        title={user.name}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            {user.email}
            <Badge tone="accent">{ROLE_LABEL[user.role]}</Badge>
            {service && <Badge tone="info">Service account</Badge>}
            {user.active ? <Badge tone="positive">Active</Badge> : <Badge>Inactive</Badge>}
            {isSelf && <Badge tone="info">You</Badge>}
          </span>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Role">
          <RoleForm userId={user.id} role={user.role} isSelf={isSelf} />
        </Card>
        <Card title="Status">
          <StatusForm userId={user.id} name={user.name} active={user.active} isSelf={isSelf} />
        </Card>
        <Card title="Password">
          {service ? (
            <p className="text-sm text-muted">A service account has no password and cannot sign in. It acts only through the API tokens issued below.</p>
          ) : (
            <PasswordForm userId={user.id} />
          )}
        </Card>
      </div>
      <div className="mt-6 grid gap-6">
        <Card
          title="API tokens"
          description={
            service
              ? `Tokens act as ${user.name}, with the ${ROLE_LABEL[user.role]} role.`
              : `${user.name} issues their own tokens on their profile page; you can revoke them here.`
          }
          flush
        >
          <TokenTable tokens={tokens.rows} showUser={false} />
          {tokens.pageCount > 1 && <Pager {...tokens} noun="tokens" href={(page) => `/admin/users/${user.id}?page=${page}`} />}
        </Card>
        {service && user.active && (
          <Card title="Issue a token">
            <IssueTokenForm for="service" userId={user.id} />
          </Card>
        )}
      </div>
    </>
  );
}

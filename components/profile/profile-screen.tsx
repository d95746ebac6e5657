import { ROLE_LABEL } from "@/lib/domain/roles";
import type { CurrentUser } from "@/lib/server/session";
import type { Paged, TokenRow } from "@/lib/server/views/admin";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/admin/pager";
import { IssueTokenForm } from "@/components/admin/tokens/issue-token-form";
import { TokenTable } from "@/components/admin/tokens/token-table";

/** A person's own account: who they are, and the API tokens that act as them. */
export function ProfileScreen({ user, tokens }: { user: CurrentUser; tokens: Paged<TokenRow> }) {
  return (
    <>
      <PageHeader
        title="Your profile"
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            {user.name} · {user.email}
            <Badge tone="accent">{ROLE_LABEL[user.role]}</Badge>
          </span>
        }
      />
      <div className="grid gap-6">
        <Card title="Issue an API token">
          <p className="mb-4 text-sm text-muted">
            A token lets a script or an integration act as you, with the {ROLE_LABEL[user.role]} role. Only you see it, once; an admin
            cannot. A change to your password or role revokes every token of yours.
          </p>
          <IssueTokenForm for="self" />
        </Card>
        <Card title="Your API tokens" description="Active tokens first. Revoking takes effect on the next request." flush>
          <TokenTable tokens={tokens.rows} showUser={false} scope="own" />
          {tokens.pageCount > 1 && <Pager {...tokens} noun="tokens" href={(page) => `/profile?page=${page}`} />}
        </Card>
      </div>
    </>
  );
}

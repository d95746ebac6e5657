import type { Paged, TokenHolder, TokenRow } from "@/lib/server/views/admin";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "../pager";
import { IssueTokenForm } from "./issue-token-form";
import { TokenTable } from "./token-table";

export function TokensScreen({ tokens, holders }: { tokens: Paged<TokenRow>; holders: TokenHolder[] }) {
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Integrations authenticate with a bearer token that acts as its user, with that user's role."
      />
      <div className="grid gap-6">
        <Card title="Issue a token">
          <IssueTokenForm holders={holders} />
        </Card>
        <Card title="Tokens" description="Active tokens first. Revoking takes effect on the next request." flush>
          <TokenTable tokens={tokens.rows} />
          <Pager {...tokens} noun="tokens" href={(page) => `/admin/tokens?page=${page}`} />
        </Card>
      </div>
    </>
  );
}

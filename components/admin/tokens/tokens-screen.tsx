import Link from "next/link";
import type { Paged, TokenRow } from "@/lib/server/views/admin";
import type { ServiceAccount } from "@/lib/server/admin/read";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "../pager";
import { IssueTokenForm } from "./issue-token-form";
import { TokenTable } from "./token-table";

export function TokensScreen({ tokens, holders }: { tokens: Paged<TokenRow>; holders: ServiceAccount[] }) {
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Integrations authenticate with a bearer token that acts as its user, with that user's role. People issue their own tokens on their profile page; here you issue tokens for service accounts."
      />
      <div className="grid gap-6">
        <Card title="Issue a token for a service account">
          {holders.length > 0 ? (
            <IssueTokenForm for="service" holders={holders} />
          ) : (
            <p className="text-sm text-muted">
              There is no active service account yet. <Link href="/admin/users" className="font-medium text-accent-800 hover:underline">Create one</Link> (a user
              without a password), then issue its token here.
            </p>
          )}
        </Card>
        <Card title="Tokens" description="Active tokens first. Revoking takes effect on the next request." flush>
          <TokenTable tokens={tokens.rows} />
          <Pager {...tokens} noun="tokens" href={(page) => `/admin/tokens?page=${page}`} />
        </Card>
      </div>
    </>
  );
}

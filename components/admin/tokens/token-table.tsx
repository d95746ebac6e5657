import Link from "next/link";
import type { TokenRow } from "@/lib/server/views/admin";
import { Badge } from "@/components/ui/badge";
import { CodeText } from "@/components/ui/code-text";
import { Table, type Column } from "@/components/ui/table";
import { TimeText } from "../time-text";
import { RevokeTokenButton } from "./revoke-token-button";

const USER: Column<TokenRow> = {
  header: "User",
  cell: (token) => (
    <Link href={`/admin/users/${token.user.id}`} className="font-medium text-accent-800 hover:underline">
      {token.user.name}
    </Link>
  ),
};

const columns = (scope: "admin" | "own"): Column<TokenRow>[] => [
  { header: "Name", cell: (token) => token.name },
  // The prefix is what an integrator sees in their config, so it identifies a token without revealing it.
  { header: "Prefix", cell: (token) => <CodeText>{`${token.prefix}…`}</CodeText> },
  { header: "Created", cell: (token) => <TimeText iso={token.createdAt} /> },
  { header: "Last used", cell: (token) => <TimeText iso={token.lastUsedAt} empty="Never" /> },
  {
    header: "Status",
    align: "right",
    cell: (token) =>
      token.revokedAt ? (
        <span className="inline-flex flex-col items-end gap-0.5">
          <Badge>Revoked</Badge>
          <span className="text-xs text-muted"><TimeText iso={token.revokedAt} /></span>
        </span>
      ) : (
        <span className="inline-flex items-start gap-2">
          <Badge tone="positive">Active</Badge>
          <RevokeTokenButton tokenId={token.id} name={token.name} prefix={token.prefix} owner={token.user.name} scope={scope} />
        </span>
      ),
  },
];

type Props = { tokens: TokenRow[]; showUser?: boolean; scope?: "admin" | "own" };

export function TokenTable({ tokens, showUser = true, scope = "admin" }: Props) {
  return (
    <Table
      caption="API tokens"
      columns={showUser ? [USER, ...columns(scope)] : columns(scope)}
      rows={tokens}
      rowKey={(token) => token.id}
      empty="No API tokens yet."
    />
  );
}

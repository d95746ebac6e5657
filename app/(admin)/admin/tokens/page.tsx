import type { Metadata } from "next";
import { TokensScreen } from "@/components/admin/tokens/tokens-screen";
import { areaUser } from "@/lib/server/area";
import { serviceAccounts } from "@/lib/server/admin/read";
import { adminTokens, pageParam } from "@/lib/server/views/admin";

export const metadata: Metadata = { title: "API tokens · Administration" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TokensPage({ searchParams }: Props) {
  if (!(await areaUser("admin"))) return null;
  const page = pageParam((await searchParams).page);
  const [tokens, holders] = await Promise.all([adminTokens({ page }), serviceAccounts()]);
  return <TokensScreen tokens={tokens} holders={holders} />;
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { UserDetail } from "@/components/admin/users/user-detail";
import { areaUser } from "@/lib/server/area";
import { account } from "@/lib/server/admin/read";
import { isUuid } from "@/lib/domain/ids";
import { adminTokens, pageParam } from "@/lib/server/views/admin";

export const metadata: Metadata = { title: "User · Administration" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function UserPage({ params, searchParams }: Props) {
  const admin = await areaUser("admin");
  if (!admin) return null;
  const [{ id }, query] = await Promise.all([params, searchParams]);
  if (!isUuid(id)) notFound();
  const [user, tokens] = await Promise.all([account(id), adminTokens({ userId: id, page: pageParam(query.page) })]);
  if (!user) notFound();
  return <UserDetail user={user} tokens={tokens} isSelf={user.id === admin.id} />;
}

import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ProfileScreen } from "@/components/profile/profile-screen";
import { currentUser } from "@/lib/server/session";
import { adminTokens, pageParam } from "@/lib/server/views/admin";

export const metadata: Metadata = { title: "Your profile" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ProfilePage({ searchParams }: Props) {
  // The layout redirects strangers; the page checks again before it reads anything.
  const user = await currentUser();
  if (!user) redirect("/login");
  const tokens = await adminTokens({ userId: user.id, page: pageParam((await searchParams).page) });
  return <ProfileScreen user={user} tokens={tokens} />;
}

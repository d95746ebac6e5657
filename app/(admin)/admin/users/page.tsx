import type { Metadata } from "next";
import { UsersScreen } from "@/components/admin/users/users-screen";
import { areaUser } from "@/lib/server/area";
import { accounts } from "@/lib/server/admin/read";

export const metadata: Metadata = { title: "Users · Administration" };

export default async function UsersPage() {
  // The layout shows "Not allowed"; this check keeps the page from reading data regardless.
  if (!(await areaUser("admin"))) return null;
  return <UsersScreen users={await accounts()} />;
}

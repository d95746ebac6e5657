import { redirect } from "next/navigation";
import { homePath } from "@/lib/domain/roles";
import { currentUser } from "@/lib/server/session";

export default async function Home() {
  const user = await currentUser();
  redirect(user ? homePath(user.role) : "/login");
}

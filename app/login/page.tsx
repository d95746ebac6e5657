import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { homePath } from "@/lib/domain/roles";
import { env } from "@/lib/env";
import { currentUser } from "@/lib/server/session";
import { demoSignIns } from "@/components/auth/demo-sign-ins";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage() {
  const user = await currentUser();
  if (user) redirect(homePath(user.role));
  const demo = env().CONCORD_DEMO === "1" ? demoSignIns() : null;
  return <LoginForm demo={demo} />;
}

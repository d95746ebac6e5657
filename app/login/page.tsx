import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { safeNextPath } from "@/lib/auth/next-path";
import { homePath } from "@/lib/domain/roles";
import { env } from "@/lib/env";
import { currentUser } from "@/lib/server/session";
import { demoSignIns } from "@/components/auth/demo-sign-ins";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LoginPage({ searchParams }: Props) {
  // A password in the address bar (an old bookmark, a form posted as GET by some
  // other client) is dropped at once, so it stays out of the history from here on.
  const query = await searchParams;
  if ("password" in query) {
    const rest = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (key !== "password") for (const one of [value ?? ""].flat()) rest.append(key, one);
    redirect(rest.size ? `/login?${rest}` : "/login");
  }
  // `?next=` is where a signed-out visitor was headed; anything but a same-origin path is ignored.
  const next = safeNextPath(query.next);
  const user = await currentUser();
  if (user) redirect(next ?? homePath(user.role));
  const demo = env().CONCORD_DEMO === "1" ? demoSignIns() : null;
  return <LoginForm demo={demo} next={next} />;
}

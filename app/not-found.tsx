import type { Metadata } from "next";
import Link from "next/link";
import { AppShell } from "@/components/shell/app-shell";
import { currentUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Page not found" };

/** Unknown addresses (and `notFound()` anywhere) land here; a signed-in user keeps their navigation. */
export default async function NotFound() {
  const user = await currentUser();
  const body = (
    <div className="mx-auto max-w-md py-12 text-center">
      <p className="text-sm font-semibold text-accent-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-muted">There is nothing at this address. It may have moved, or the link may be mistyped.</p>
      <Link href={user ? "/" : "/login"} className="mt-6 inline-block rounded-md bg-accent-700 px-4 py-2 text-sm font-medium text-white hover:bg-accent-800">
        {user ? "Go to your overview" : "Sign in"}
      </Link>
    </div>
  );
  if (user) return <AppShell user={user}>{body}</AppShell>;
  return <main className="flex min-h-screen items-center justify-center px-4">{body}</main>;
}

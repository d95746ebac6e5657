import Link from "next/link";
import type { ReactNode } from "react";
import { homePath, ROLE_LABEL } from "@/lib/domain/roles";
import type { CurrentUser } from "@/lib/server/session";
import { Badge } from "@/components/ui/badge";
import { MainNav } from "./main-nav";
import { navItemsFor } from "./nav-items";
import { SignOutButton } from "./sign-out-button";
import { RoleProvider } from "./role-provider";

export function AppShell({ user, children }: { user: CurrentUser; children: ReactNode }) {
  return (
    <div className="min-h-screen">
      <header className="border-b border-line bg-surface">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-3 px-4 pt-3 sm:px-6">
          <Link href={homePath(user.role)} className="shrink-0 text-lg font-semibold tracking-tight text-accent-800">
            Concord
          </Link>
          {/* On a phone a long name gives way (truncated), never the button: "Sign out" stays whole. */}
          <div className="flex min-w-0 items-center gap-2 text-sm sm:gap-3">
            <Link href="/profile" className="min-w-0 truncate font-medium hover:underline" data-testid="current-user-name" title="Your profile and API tokens">
              {user.name}
            </Link>
            <Badge tone="accent" className="shrink-0" data-testid="current-user-role">{ROLE_LABEL[user.role]}</Badge>
            <SignOutButton />
          </div>
        </div>
        <div className="mx-auto max-w-6xl px-2 pt-1 sm:px-6">
          <MainNav items={navItemsFor(user.role)} />
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6 sm:px-6 sm:py-8">
        <RoleProvider role={user.role}>{children}</RoleProvider>
      </main>
    </div>
  );
}

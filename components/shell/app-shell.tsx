import Link from "next/link";
import type { ReactNode } from "react";
import { homePath, ROLE_LABEL } from "@/lib/domain/roles";
import type { CurrentUser } from "@/lib/server/session";
import { Badge } from "@/components/ui/badge";
import { MainNav } from "./main-nav";
import { navItemsFor } from "./nav-items";
import { SignOutButton } from "./sign-out-button";

export function AppShell({ user, children }: { user: CurrentUser; children: ReactNode }) {
  return (
    <div className="min-h-screen">
      <header className="border-b border-line bg-surface">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 pt-3 sm:px-6">
          <Link href={homePath(user.role)} className="text-lg font-semibold tracking-tight text-accent-800">
            Concord
          </Link>
          <div className="flex items-center gap-3 text-sm">
            <Link href="/profile" className="font-medium hover:underline" data-testid="current-user-name" title="Your profile and API tokens">
              {user.name}
            </Link>
            <Badge tone="accent" data-testid="current-user-role">{ROLE_LABEL[user.role]}</Badge>
            <SignOutButton />
          </div>
        </div>
        <div className="mx-auto max-w-6xl px-4 pt-1 sm:px-6">
          <MainNav items={navItemsFor(user.role)} />
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-8 sm:px-6">{children}</main>
    </div>
  );
}

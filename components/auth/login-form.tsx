"use client";

import { useActionState } from "react";
import { signInAction, type SignInState } from "@/app/actions/auth-actions";
import { DemoHint } from "./demo-hint";
import type { DemoSignIns } from "./demo-sign-ins";

const inputClass =
  "mt-1 block w-full rounded-md border border-line bg-surface px-3 py-2 text-sm shadow-xs focus:border-accent-600 focus:outline-none focus:ring-2 focus:ring-accent-100";

const INITIAL: SignInState = { error: null, email: "" };

/**
 * The form's action is a server action, so React renders it as `method="post"`:
 * submitted before hydration it still posts, and the server answers with the
 * error or the redirect. The password never lands in a URL.
 */
export function LoginForm({ demo }: { demo: DemoSignIns | null }) {
  const [state, action, pending] = useActionState(signInAction, INITIAL);
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <p className="text-center text-2xl font-semibold tracking-tight text-accent-800">Concord</p>
        <h1 className="mt-1 text-center text-sm text-muted">Sign in to your inventory workspace</h1>
        <form action={action} aria-label="Sign in" className="mt-8 space-y-4 rounded-lg border border-line bg-surface p-6 shadow-sm">
          <div>
            <label htmlFor="email" className="block text-sm font-medium">Email</label>
            <input id="email" name="email" type="email" autoComplete="username" required defaultValue={state.email} className={inputClass} />
          </div>
          <div>
            <label htmlFor="password" className="block text-sm font-medium">Password</label>
            <input id="password" name="password" type="password" autoComplete="current-password" required className={inputClass} />
          </div>
          {state.error && (
            <p role="alert" className="rounded-md bg-danger-50 px-3 py-2 text-sm text-danger-700">
              {state.error}
            </p>
          )}
          <button
            type="submit"
            disabled={pending}
            aria-busy={pending}
            className="w-full rounded-md bg-accent-700 px-4 py-2 text-sm font-medium text-white hover:bg-accent-800 disabled:cursor-wait disabled:opacity-70"
          >
            {pending ? "Signing in…" : "Sign in"}
          </button>
        </form>
        {demo && <DemoHint demo={demo} />}
      </div>
    </main>
  );
}

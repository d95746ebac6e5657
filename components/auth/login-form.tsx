"use client";

import { useState, useTransition, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { DemoHint } from "./demo-hint";
import type { DemoSignIns } from "./demo-sign-ins";

const WRONG_CREDENTIALS = "Email or password is incorrect.";
const UNEXPECTED = "Sign-in is unavailable right now. Please try again.";

const inputClass =
  "mt-1 block w-full rounded-md border border-line bg-surface px-3 py-2 text-sm shadow-xs focus:border-accent-600 focus:outline-none focus:ring-2 focus:ring-accent-100";

export function LoginForm({ demo }: { demo: DemoSignIns | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    setError(null);
    // The transition stays pending through the navigation, so the button keeps
    // saying "Signing in…" until the user's area has actually loaded.
    startTransition(async () => {
      try {
        const result = await signIn("credentials", { redirect: false, email, password });
        if (!result?.ok || result.error) {
          setError(result?.error === "CredentialsSignin" || result?.status === 401 ? WRONG_CREDENTIALS : UNEXPECTED);
          return;
        }
        router.replace("/");
        router.refresh();
      } catch (cause) {
        console.error("sign-in failed", cause);
        setError(UNEXPECTED);
      }
    });
  }

  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <p className="text-center text-2xl font-semibold tracking-tight text-accent-800">Concord</p>
        <h1 className="mt-1 text-center text-sm text-muted">Sign in to your inventory workspace</h1>
        <form onSubmit={submit} className="mt-8 space-y-4 rounded-lg border border-line bg-surface p-6 shadow-sm" noValidate>
          <div>
            <label htmlFor="email" className="block text-sm font-medium">Email</label>
            <input id="email" name="email" type="email" autoComplete="username" required className={inputClass} />
          </div>
          <div>
            <label htmlFor="password" className="block text-sm font-medium">Password</label>
            <input id="password" name="password" type="password" autoComplete="current-password" required className={inputClass} />
          </div>
          {error && (
            <p role="alert" className="rounded-md bg-danger-50 px-3 py-2 text-sm text-danger-700">
              {error}
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

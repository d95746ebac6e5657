"use client";

import { useActionState, useEffect, useRef } from "react";
import { signInAction, type SignInState } from "@/app/actions/auth-actions";
import { DemoHint } from "./demo-hint";
import type { DemoAccount, DemoSignIns } from "./demo-sign-ins";
import { LoginField } from "./login-field";

const INITIAL: SignInState = { error: null, fields: {}, email: "" };
const FORM_ERROR_ID = "sign-in-error";

/**
 * The form's action is a server action, so React renders it as `method="post"`:
 * submitted before hydration it still posts, and the server answers with the
 * error or the redirect. The password never lands in a URL. `noValidate` lets the
 * server's words ("Enter your email") show instead of the browser's bubbles.
 */
export function LoginForm({ demo, next }: { demo: DemoSignIns | null; next: string | null }) {
  const [state, action, pending] = useActionState(signInAction, INITIAL);
  const email = useRef<HTMLInputElement>(null);
  const password = useRef<HTMLInputElement>(null);
  const formError = useRef<HTMLParagraphElement>(null);
  const wrongPair = state.wrongPair === true;

  // After each answer, focus goes to what needs fixing: the first bad field, else the message.
  useEffect(() => {
    if (state.fields.email) email.current?.focus();
    else if (state.fields.password || wrongPair) password.current?.focus();
    else if (state.error) formError.current?.focus();
  }, [state, wrongPair]);

  function fill(account: DemoAccount) {
    if (!email.current || !password.current || !demo) return;
    email.current.value = account.email;
    password.current.value = demo.password;
    password.current.focus();
  }

  // A wrong pair cannot say which half is wrong; both fields point at the one message.
  const shared = wrongPair ? FORM_ERROR_ID : undefined;
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <p className="text-center text-2xl font-semibold tracking-tight text-accent-800">Concord</p>
        <h1 className="mt-1 text-center text-sm text-muted">Sign in to your inventory workspace</h1>
        <form action={action} noValidate aria-label="Sign in" className="mt-8 space-y-4 rounded-lg border border-line bg-surface p-6 shadow-sm">
          {next && <input type="hidden" name="next" value={next} />}
          <LoginField
            ref={email} id="email" label="Email" type="email" autoComplete="username" defaultValue={state.email}
            error={state.fields.email} sharedError={shared} autoFocus={Boolean(state.fields.email)}
          />
          <LoginField
            ref={password} id="password" label="Password" type="password" autoComplete="current-password"
            error={state.fields.password} sharedError={shared} autoFocus={!state.fields.email && Boolean(state.fields.password || wrongPair)}
          />
          {state.error && (
            <p ref={formError} id={FORM_ERROR_ID} role="alert" tabIndex={-1} className="rounded-md bg-danger-50 px-3 py-2 text-sm text-danger-700">
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
        {demo && <DemoHint demo={demo} onPick={fill} />}
      </div>
    </main>
  );
}

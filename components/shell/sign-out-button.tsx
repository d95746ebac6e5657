import { signOutAction } from "@/app/actions/auth-actions";

/** A form, not a script: signing out works before the page hydrates, and it ends the session on the server. */
export function SignOutButton() {
  return (
    <form action={signOutAction} className="shrink-0">
      <button
        type="submit"
        className="rounded-md border border-line bg-surface px-3 py-1.5 text-sm font-medium whitespace-nowrap text-ink hover:bg-canvas"
      >
        Sign out
      </button>
    </form>
  );
}

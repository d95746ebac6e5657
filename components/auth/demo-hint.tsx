import type { DemoAccount, DemoSignIns } from "./demo-sign-ins";

/** Each demo account is a button that fills the form; the password is printed too, for typing it by hand. */
export function DemoHint({ demo, onPick }: { demo: DemoSignIns; onPick: (account: DemoAccount) => void }) {
  return (
    <aside aria-label="Demo sign-ins" className="mt-6 rounded-lg border border-accent-100 bg-accent-50 p-4 text-sm">
      <p className="font-medium text-accent-800">Demo sign-ins</p>
      <p className="mt-1 text-muted">
        Pick an account to fill the form. Every account uses the password{" "}
        <code className="rounded bg-surface px-1 font-mono whitespace-nowrap text-ink">{demo.password}</code>.
      </p>
      <ul className="mt-3 grid gap-1">
        {demo.accounts.map((account) => (
          <li key={account.email}>
            <button
              type="button"
              onClick={() => onPick(account)}
              className="group grid w-full grid-cols-[5.5rem_1fr_auto] items-center gap-x-3 rounded-md px-2 py-1 text-left hover:bg-surface focus-visible:bg-surface"
            >
              <span className="text-muted">{account.role}</span>
              <span className="truncate font-mono text-ink">{account.email}</span>
              <span className="text-xs font-medium text-accent-700 opacity-60 group-hover:opacity-100 group-focus-visible:opacity-100">Use</span>
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}

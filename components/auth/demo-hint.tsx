import type { DemoSignIns } from "./demo-sign-ins";

export function DemoHint({ demo }: { demo: DemoSignIns }) {
  return (
    <aside aria-label="Demo sign-ins" className="mt-6 rounded-lg border border-accent-100 bg-accent-50 p-4 text-sm">
      <p className="font-medium text-accent-800">Demo sign-ins</p>
      <p className="mt-1 text-muted">
        Every account uses the password <code className="rounded bg-surface px-1 font-mono whitespace-nowrap text-ink">{demo.password}</code>.
      </p>
      <ul className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        {demo.accounts.map((account) => (
          <li key={account.email} className="contents">
            <span className="text-muted">{account.role}</span>
            <span className="font-mono text-ink">{account.email}</span>
          </li>
        ))}
      </ul>
    </aside>
  );
}

import type { ReactNode } from "react";

type Props = {
  title: string;
  description?: ReactNode;
  /** Flush cards let a table run edge to edge instead of sitting in padding. */
  flush?: boolean;
  children: ReactNode;
};

export function Card({ title, description, flush = false, children }: Props) {
  const id = `card-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return (
    <section aria-labelledby={id} className="overflow-hidden rounded-lg border border-line bg-surface shadow-xs">
      <header className="border-b border-line px-5 py-3">
        <h2 id={id} className="text-base font-semibold">{title}</h2>
        {description && <p className="mt-0.5 text-sm text-muted">{description}</p>}
      </header>
      <div className={flush ? "" : "p-5"}>{children}</div>
    </section>
  );
}

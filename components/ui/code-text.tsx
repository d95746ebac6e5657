import type { ReactNode } from "react";

/** Identifiers (SKU, location, channel codes) never wrap: a broken code reads as two. */
export function CodeText({ children }: { children: ReactNode }) {
  return <span className="font-mono text-xs font-medium whitespace-nowrap">{children}</span>;
}

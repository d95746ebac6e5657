// A quantity where a negative one is a shortfall: red, with a true minus sign.
import { signed } from "./format";

export function QtyText({ value, className = "" }: { value: number; className?: string }) {
  return <span className={`tabular-nums ${value < 0 ? "font-semibold text-danger-700" : ""} ${className}`}>{signed(value)}</span>;
}

export function Dash() {
  return <span className="text-muted">—</span>;
}

// Remainders as the team reads them: a zero is quiet and green, anything else loud.
import { Badge } from "@/components/ui/badge";
import { moneyText } from "@/components/finance/money";
import { isZero } from "@/lib/domain/reconciliation/reconcile";

export function amountText(value: number | string): string {
  if (typeof value === "string") return moneyText(value);
  return value < 0 ? `−${Math.abs(value).toLocaleString("en-GB")}` : value.toLocaleString("en-GB");
}

export function Remainder({ value, label }: { value: number | string; label?: string }) {
  const zero = isZero(value);
  return (
    <span data-testid="remainder" data-zero={zero} className={zero ? "" : "font-semibold text-danger-700"}>
      {zero ? <Badge tone="positive">{label ? `${label} ` : ""}0</Badge> : <Badge tone="warning" className="!text-danger-700">{label ? `${label} ` : ""}{amountText(value)}</Badge>}
    </span>
  );
}

export const IDENTITY_TITLE = {
  "on-hand-vs-atp": "On hand → ATP",
  "owned-vs-on-hand": "Owned → on hand",
  "journal-vs-layers": "Journal → cost layers",
} as const;

import { Money } from "@/components/finance/money";

/** What the decision moves in money: a write-off's cost, a standard cost change's revaluation (signed). */
export function stakeLabel(type: string): string {
  if (type === "writeoff") return "Value written off";
  if (type === "cost.change") return "Revaluation";
  return "Value at stake";
}

export function ValueAtStake({ type, amount }: { type: string; amount: string | null }) {
  if (amount === null) return null;
  const signed = type === "cost.change" && !amount.startsWith("-") && /[1-9]/.test(amount);
  return (
    <div className="sm:text-right" data-testid="value-at-stake">
      <p className="text-xs font-medium text-muted">{stakeLabel(type)}</p>
      <p className="text-xl font-semibold">
        {signed && <span className="tabular-nums">+</span>}
        <Money value={amount} />
      </p>
    </div>
  );
}

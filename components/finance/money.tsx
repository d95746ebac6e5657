// Money as a reader scans it: grouped thousands, two places, a true minus sign and
// red when negative. Values arrive as decimal strings and stay strings: the digits
// are regrouped, never parsed into a float.
import { AMOUNT_SCALE, formatMoney, fromMinor, toMinor } from "@/lib/domain/money";

const group = (whole: string) => whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** "12,345.67", "−80.00". A unit cost keeps its four places when `places` is 4. */
export function moneyText(value: string, places: 2 | 4 = 2): string {
  const fixed = places === 2 ? formatMoney(value) : value;
  const negative = fixed.startsWith("-");
  const [whole, fraction] = (negative ? fixed.slice(1) : fixed).split(".");
  const digits = fraction ? `${group(whole)}.${fraction}` : group(whole);
  return negative && /[1-9]/.test(digits) ? `−${digits}` : digits;
}

export function isNegative(value: string): boolean {
  return value.trim().startsWith("-") && /[1-9]/.test(value);
}

type Props = { value: string | null | undefined; places?: 2 | 4; className?: string };

export function Money({ value, places = 2, className = "" }: Props) {
  if (value === null || value === undefined) return <span className="text-muted">—</span>;
  const negative = isNegative(value);
  return (
    <span className={`whitespace-nowrap tabular-nums ${negative ? "font-medium text-danger-700" : ""} ${className}`} data-negative={negative || undefined}>
      {moneyText(value, places)}
    </span>
  );
}

/** A unit cost: four stored places trimmed to two when the rest are zeros ("12.50", "0.0125"). */
export function unitCostText(value: string): string {
  const [whole, fraction = ""] = value.split(".");
  const trimmed = fraction.replace(/0+$/, "").padEnd(2, "0");
  return moneyText(`${whole}.${trimmed}`, 4);
}

export function UnitCost({ value }: { value: string | null | undefined }) {
  if (value === null || value === undefined) return <span className="text-muted">—</span>;
  return <span className="whitespace-nowrap tabular-nums">{unitCostText(value)}</span>;
}

/** The sum of two-place amounts, exact (bigint cents): a tile that adds buckets never rounds. */
export function sumMoney(values: string[]): string {
  return fromMinor(values.reduce((total, value) => total + toMinor(formatMoney(value), AMOUNT_SCALE), 0n), AMOUNT_SCALE);
}

/** A count of units with grouped thousands ("1,528"). */
export function unitsText(qty: number): string {
  const text = group(String(Math.abs(qty)));
  return qty < 0 ? `−${text}` : text;
}

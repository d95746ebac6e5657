// Money is exact: decimal strings in, bigint minor units inside, never a float.
export const UNIT_COST_SCALE = 4;
export const AMOUNT_SCALE = 2;

/** A non-negative decimal as clients send money: up to four places ("12.50", "0.0125"). */
export const MONEY_PATTERN = /^\d{1,10}(\.\d{1,4})?$/;

export function toMinor(value: string, scale: number): bigint {
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) throw new Error(`not a decimal amount: ${value}`);
  const [, sign, whole, fraction = ""] = match;
  if (fraction.length > scale) throw new Error(`${value} has more than ${scale} decimal places`);
  const minor = BigInt(whole + fraction.padEnd(scale, "0"));
  return sign ? -minor : minor;
}

export function fromMinor(minor: bigint, scale: number): string {
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? "-" : ""}${whole}${scale ? "." + fraction : ""}`;
}

/** Rounds half away from zero from one scale down to a smaller one. */
export function rescale(minor: bigint, from: number, to: number): bigint {
  if (to >= from) return minor * 10n ** BigInt(to - from);
  const divisor = 10n ** BigInt(from - to);
  const half = divisor / 2n;
  return minor >= 0n ? (minor + half) / divisor : -((-minor + half) / divisor);
}

/** qty × unit cost, as an amount with two decimals. */
export function extend(qty: number, unitCost: string): string {
  const minor = rescale(BigInt(qty) * toMinor(unitCost, UNIT_COST_SCALE), UNIT_COST_SCALE, AMOUNT_SCALE);
  return fromMinor(minor, AMOUNT_SCALE);
}

export function compareAmounts(a: string, b: string): number {
  const diff = toMinor(a, UNIT_COST_SCALE) - toMinor(b, UNIT_COST_SCALE);
  return diff === 0n ? 0 : diff < 0n ? -1 : 1;
}

export function formatMoney(value: string): string {
  return fromMinor(rescale(toMinor(value, UNIT_COST_SCALE), UNIT_COST_SCALE, AMOUNT_SCALE), AMOUNT_SCALE);
}

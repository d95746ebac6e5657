// Exact money arithmetic for costing: cents and four-decimal unit costs as bigint.

/** a / b rounded half away from zero (b > 0). */
export function divRound(a: bigint, b: bigint): bigint {
  if (b <= 0n) throw new Error("divisor must be positive");
  const negative = a < 0n;
  const abs = negative ? -a : a;
  const q = (abs * 2n + b) / (2n * b);
  return negative ? -q : q;
}

/** qty × a four-decimal unit cost, in cents. */
export function extendCents(qty: number, unitCost4: bigint): bigint {
  return divRound(BigInt(qty) * unitCost4, 100n);
}

/** A value in cents over qty units, as a four-decimal unit cost. */
export function unitCostOf(valueCents: bigint, qty: number): bigint {
  return qty > 0 ? divRound(valueCents * 100n, BigInt(qty)) : 0n;
}

/**
 * The value of k of n units holding `value`: their exact share rounded half away
 * from zero, and the last unit carries the remaining cents, so a layer (or pool,
 * or holding) never drifts.
 */
export function shareOf(value: bigint, n: number, k: number): bigint {
  if (k <= 0) return 0n;
  if (k >= n) return value;
  const share = divRound(value * BigInt(k), BigInt(n));
  // A negative or oversize share cannot arise from non-negative values; the clamp keeps a corrupt row from spreading.
  return share < 0n ? 0n : share > value && value >= 0n ? value : share;
}

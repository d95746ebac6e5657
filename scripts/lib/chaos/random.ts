// A seeded generator (mulberry32), so that `--seed` repeats a run's choices: what
// each client posts, and when and what is killed. (Timing on a busy machine still
// varies, so a repeated run hits other requests in flight.)
export type Random = {
  /** In [0, 1). */
  next: () => number;
  /** A whole number in [min, max]. */
  int: (min: number, max: number) => number;
  pick: <T>(items: readonly T[]) => T;
  /** A generator of its own, derived from this one (one per client keeps their choices apart). */
  fork: () => Random;
};

export function random(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return { next, int, pick: (items) => items[int(0, items.length - 1)], fork: () => random(int(0, 2 ** 32 - 1)) };
}

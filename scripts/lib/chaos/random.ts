// A seeded generator (mulberry32), so that `--seed` repeats a run's choices: what
// each client posts, and when and what is killed. (Timing on a busy machine still
// varies, so a repeated run hits other requests in flight.)
import { Random as Seeded } from "../../../prisma/demo-history/random.ts";

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
  // The demo history's generator (mulberry32), so one algorithm serves every seeded run.
  const rng = new Seeded(seed);
  const int = (min: number, max: number) => rng.int(min, max);
  return { next: () => rng.next(), int, pick: (items) => items[int(0, items.length - 1)], fork: () => random(int(0, 2 ** 32 - 1)) };
}

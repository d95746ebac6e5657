// The aging buckets of an accounts-style report: the older, the more it needs chasing.
export type AgeBucket = { key: "d30" | "d60" | "d90" | "over90"; label: string; max: number; tone: string };

export const AGE_BUCKETS: readonly AgeBucket[] = [
  { key: "d30", label: "0–30", max: 30, tone: "oklch(0.52 0.09 195)" },
  { key: "d60", label: "31–60", max: 60, tone: "oklch(0.75 0.14 85)" },
  { key: "d90", label: "61–90", max: 90, tone: "oklch(0.65 0.16 55)" },
  { key: "over90", label: "90+", max: Infinity, tone: "oklch(0.5 0.17 25)" },
];

export function bucketOf(ageDays: number): AgeBucket {
  return AGE_BUCKETS.find((bucket) => ageDays <= bucket.max) ?? AGE_BUCKETS[AGE_BUCKETS.length - 1];
}

// Stock policy per SKU and location, and what applies where none was set.
export type StockPolicy = {
  safetyStock: number;
  inspectionLeadDays: number;
  /** A write-off whose value, added to the requester's others that day, reaches this needs approval. */
  writeOffValue: string;
  /** A count variance that, added to the requester's others that day, goes beyond this needs approval. */
  countVarianceUnits: number;
};

export const POLICY_DEFAULTS: StockPolicy = { safetyStock: 0, inspectionLeadDays: 0, writeOffValue: "500.00", countVarianceUnits: 0 };

/**
 * The policy of a location none was set for, without channel fences: a new object
 * each time. (Object.assign rather than a spread followed by `fences`: V8 takes a
 * slow path for that, and this runs for every event planned.)
 */
export function defaultLocationPolicy(): StockPolicy & { fences: Record<string, number> } {
  return Object.assign({ fences: {} }, POLICY_DEFAULTS);
}

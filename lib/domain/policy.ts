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

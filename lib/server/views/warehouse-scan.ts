import "server-only";
import { sql, db as pooled, type Db } from "@/lib/server/sql";
import { loadRefs } from "@/lib/server/ledger/refs";
import { normaliseScan, sameLocation, unknownBin, unknownLocation, unknownSku } from "@/lib/domain/warehouse/scan";

const CODE_FIELDS = ["sku", "location", "toLocation", "bin", "toBin"] as const;

/**
 * The codes a screen event names, as a scanner or a person typed them: made
 * upper case, then checked against the catalogue. A code that does not exist is
 * refused with the codes that do, before anything is posted.
 */
export async function checkScannedCodes(event: Record<string, unknown>, db: Db = pooled): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { ...event };
  for (const field of CODE_FIELDS) {
    const value = out[field];
    if (typeof value !== "string") continue;
    if (value.trim() === "") delete out[field];
    else out[field] = normaliseScan(value);
  }
  const sku = out.sku as string | undefined;
  const location = out.location as string | undefined;
  const toLocation = out.toLocation as string | undefined;
  const refs = await loadRefs(db, { locations: [location, toLocation] });
  const codes = [...refs.locationIdByCode.keys()].sort();
  if (location && !refs.locationIdByCode.has(location)) throw unknownLocation(location, codes);
  if (toLocation && !refs.locationIdByCode.has(toLocation)) throw unknownLocation(toLocation, codes, "toLocation");
  if (location && toLocation && location === toLocation) throw sameLocation(location);
  if (location) {
    const bins = [...(refs.binsByLocation.get(refs.locationIdByCode.get(location)!) ?? [])].sort();
    for (const field of ["bin", "toBin"] as const) {
      const bin = out[field];
      if (typeof bin === "string" && !bins.includes(bin)) throw unknownBin(location, bin, bins, field);
    }
  }
  if (sku) {
    const rows = await db.query<{ code: string; exact: boolean }>(sql`
      SELECT code, code = ${sku} AS exact FROM sku
      WHERE code = ${sku} OR code LIKE ${`${sku.slice(0, Math.max(1, Math.min(sku.length, 4)))}%`} ORDER BY code LIMIT 7`);
    if (!rows.some((row) => row.exact)) throw unknownSku(sku, rows.map((row) => row.code));
  }
  return out;
}

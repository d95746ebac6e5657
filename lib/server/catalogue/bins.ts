import "server-only";
import { db as pooled, sql, type Db } from "@/lib/server/sql";
import { PHYSICAL_STATES } from "@/lib/domain/states";
import { forgetRefs } from "@/lib/server/ledger/refs";
import { INTERNAL_ONLY } from "@/lib/server/internal-states";

// The bins screen: every location's bins with what each holds now, read from
// the balances in one statement (bins are a handful per location, so unpaged).

export type BinContents = {
  code: string;
  total: number;
  states: Record<string, number>;
  /** False for a code that holds units without being one of the location's bins (none should: balance_bin_exists). */
  registered: boolean;
};
export type LocationBins = {
  code: string;
  name: string;
  kind: string;
  bins: BinContents[];
  /** Units physically at the location in no bin (received or counted without one). */
  unbinned: BinContents;
};

type Row = { location: string; name: string; kind: string; bin: string | null; known: boolean; total: number; states: Record<string, number> };

export async function locationBins(db: Db = pooled): Promise<LocationBins[]> {
  const rows = await db.query<Row>(sql`
    WITH held AS (
      SELECT location_id, bin, state, sum(qty)::int AS qty FROM balance
      WHERE qty <> 0 AND ${INTERNAL_ONLY} AND (bin <> '' OR state = ANY(${[...PHYSICAL_STATES]}::text[]))
      GROUP BY 1, 2, 3
    ), per AS (
      SELECT location_id, bin, sum(qty)::int AS total, jsonb_object_agg(state, qty) AS states FROM held GROUP BY 1, 2
    )
    SELECT l.code AS location, l.name, l.kind::text AS kind, x.bin, coalesce(x.known, false) AS known,
      coalesce(per.total, 0) AS total, coalesce(per.states, '{}') AS states
    FROM location l
    LEFT JOIN LATERAL (
      SELECT b.code AS bin, true AS known FROM bin b WHERE b.location_id = l.id
      UNION ALL
      SELECT p.bin, false FROM per p WHERE p.location_id = l.id AND NOT EXISTS (SELECT 1 FROM bin b WHERE b.location_id = l.id AND b.code = p.bin)
    ) x ON true
    LEFT JOIN per ON per.location_id = l.id AND per.bin = x.bin
    ORDER BY l.code, x.bin`);
  const out = new Map<string, LocationBins>();
  for (const row of rows) {
    const entry = out.get(row.location) ?? { code: row.location, name: row.name, kind: row.kind, bins: [], unbinned: { code: "", total: 0, states: {}, registered: false } };
    out.set(row.location, entry);
    if (row.bin === null) continue; // a location with no bins and nothing held
    const contents = { code: row.bin, total: row.total, states: row.states, registered: row.known };
    if (row.bin === "") entry.unbinned = contents;
    else entry.bins.push(contents);
  }
  return [...out.values()];
}

/** A removed bin is refused by name at once in this process (the database refuses it in any: balance_bin_exists). */
export function forgetRemovedBins(): void {
  forgetRefs();
}

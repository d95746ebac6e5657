import "server-only";
import { sql, type Db } from "@/lib/server/sql";

/** `q` as an ILIKE pattern matching it anywhere, its wildcards taken literally. */
export const containsPattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The codes of the SKUs whose code or name contains `q` (ILIKE, as the lists
 * search in SQL), for a list held in memory (lib/server/views/memo.ts) to be
 * searched by the database's own rules; null for no search.
 */
export async function skuCodesMatching(db: Db, q: string): Promise<Set<string> | null> {
  if (!q) return null;
  const pattern = containsPattern(q);
  const rows = await db.query<{ code: string }>(sql`SELECT code FROM sku WHERE code ILIKE ${pattern} OR name ILIKE ${pattern}`);
  return new Set(rows.map((row) => row.code));
}

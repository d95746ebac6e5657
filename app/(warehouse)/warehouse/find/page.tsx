import { redirect } from "next/navigation";
import { one, type SearchParams } from "@/components/warehouse/params";
import { normaliseScan } from "@/lib/domain/warehouse/scan";
import { areaUser } from "@/lib/server/area";
import { sql, db } from "@/lib/server/sql";

/** A scanned SKU opens its page; anything else is searched on the stock screen. */
export default async function FindPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  if (!(await areaUser("warehouse"))) return null;
  const raw = one(await searchParams, "scan");
  if (!raw) redirect("/warehouse");
  const code = normaliseScan(raw);
  const [sku] = await db.query<{ code: string }>(sql`SELECT code FROM sku WHERE code = ${code}`);
  redirect(sku ? `/warehouse/skus/${encodeURIComponent(sku.code)}` : `/warehouse/stock?q=${encodeURIComponent(raw)}&missing=${encodeURIComponent(code)}`);
}

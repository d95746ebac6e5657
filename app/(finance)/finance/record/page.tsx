import type { Metadata } from "next";
import { RecordScreen } from "@/components/finance/record-screen";
import { one, type SearchParams } from "@/components/finance/params";
import { areaUser } from "@/lib/server/area";
import { warehouseLocations } from "@/lib/server/views/warehouse-stock";

export const metadata: Metadata = { title: "Record · Finance" };

export default async function RecordPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  if (!(await areaUser("finance"))) return null;
  const params = await searchParams;
  // A prefill from the GRNI screen's link; whatever it holds, the ledger checks it on posting.
  const text = (name: string) => one(params, name)?.replaceAll("\0", "").slice(0, 100);
  const locations = await warehouseLocations();
  return <RecordScreen locations={locations} invoice={{ po: text("po"), sku: text("sku"), location: text("location"), qty: text("qty") }} />;
}

import type { Metadata } from "next";
import { RECORD_TYPES, RecordScreen } from "@/components/finance/record-screen";
import { mayPost } from "@/lib/domain/authorise";
import { one, type SearchParams } from "@/components/finance/params";
import { areaUser } from "@/lib/server/area";
import { warehouseLocations } from "@/lib/server/views/warehouse-stock";

export const metadata: Metadata = { title: "Record · Finance" };

export default async function RecordPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await areaUser("finance");
  if (!user) return null;
  const params = await searchParams;
  // A prefill from the GRNI screen's link; whatever it holds, the ledger checks it on posting.
  const text = (name: string) => one(params, name)?.replaceAll("\0", "").slice(0, 100);
  const locations = await warehouseLocations();
  return (
    <RecordScreen
      role={user.role}
      postable={RECORD_TYPES.filter((type) => mayPost(user.role, type))}
      locations={locations}
      invoice={{ po: text("po"), sku: text("sku"), location: text("location"), qty: text("qty") }}
    />
  );
}

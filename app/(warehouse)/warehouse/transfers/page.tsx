import type { Metadata } from "next";
import { TransfersScreen } from "@/components/warehouse/transfers-screen";
import { one, type SearchParams } from "@/components/warehouse/params";
import { normaliseScan } from "@/lib/domain/warehouse/scan";
import { areaUser } from "@/lib/server/area";
import { warehouseLocations } from "@/lib/server/views/warehouse-stock";
import { transfersInFlight } from "@/lib/server/views/warehouse-transfers";
import { lastSeq } from "@/lib/server/live/catch-up";
import { db } from "@/lib/server/sql";

export const metadata: Metadata = { title: "Transfers · Warehouse" };

export default async function TransfersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  if (!(await areaUser("warehouse"))) return null;
  const params = await searchParams;
  const now = new Date();
  const raw = one(params, "find");
  const find = raw ? normaliseScan(raw) : undefined;
  const seq = await lastSeq(db);
  const [transfers, locations] = await Promise.all([transfersInFlight(undefined, now, { scan: find }), warehouseLocations()]);
  const qty = Number(one(params, "qty"));
  const initial = { sku: one(params, "sku"), from: one(params, "from"), to: one(params, "to"), qty: Number.isInteger(qty) && qty > 0 ? qty : undefined };
  return <TransfersScreen asOfEvent={seq} transfers={transfers} locations={locations} now={now} initial={initial} find={find} />;
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { QueueScreen } from "@/components/warehouse/queue-screen";
import { one, pageOf, type SearchParams } from "@/components/warehouse/params";
import { queueByKey } from "@/lib/domain/warehouse/queues";
import { normaliseScan } from "@/lib/domain/warehouse/scan";
import { areaUser } from "@/lib/server/area";
import { queueItems } from "@/lib/server/views/warehouse-queues";
import { warehouseLocations } from "@/lib/server/views/warehouse-stock";
import { lastSeq } from "@/lib/server/live/catch-up";
import { db } from "@/lib/server/sql";

export const metadata: Metadata = { title: "Queue · Warehouse" };

export default async function QueuePage({ params, searchParams }: { params: Promise<{ queue: string }>; searchParams: Promise<SearchParams> }) {
  if (!(await areaUser("warehouse"))) return null;
  const [{ queue: key }, query] = await Promise.all([params, searchParams]);
  const queue = queueByKey(key);
  if (!queue) notFound();
  const raw = one(query, "scan");
  const scan = raw ? normaliseScan(raw) : undefined;
  const asked = one(query, "location");
  const wanted = asked ? normaliseScan(asked) : undefined;
  const seq = await lastSeq(db);
  const [locations, items] = await Promise.all([warehouseLocations(), queueItems(queue, { scan, location: wanted, page: pageOf(query) })]);
  const location = locations.some((l) => l.code === wanted) ? wanted : undefined;
  return (
    <QueueScreen asOfEvent={seq} queue={queue} items={items} scan={scan} now={new Date()} locations={locations} location={location} unknownLocation={wanted && !location ? wanted : undefined} />
  );
}

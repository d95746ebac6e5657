import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { QueueScreen } from "@/components/warehouse/queue-screen";
import { one, type SearchParams } from "@/components/warehouse/params";
import { queueByKey } from "@/lib/domain/warehouse/queues";
import { normaliseScan } from "@/lib/domain/warehouse/scan";
import { areaUser } from "@/lib/server/area";
import { queueItems } from "@/lib/server/views/warehouse-queues";

export const metadata: Metadata = { title: "Queue · Warehouse" };

export default async function QueuePage({ params, searchParams }: { params: Promise<{ queue: string }>; searchParams: Promise<SearchParams> }) {
  if (!(await areaUser("warehouse"))) return null;
  const [{ queue: key }, query] = await Promise.all([params, searchParams]);
  const queue = queueByKey(key);
  if (!queue) notFound();
  const raw = one(query, "scan");
  const scan = raw ? normaliseScan(raw) : undefined;
  return <QueueScreen queue={queue} items={await queueItems(queue, { scan, location: one(query, "location") })} scan={scan} now={new Date()} />;
}

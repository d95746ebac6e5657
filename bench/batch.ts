// Batch import figures for the bench: events per second when 1,000 events arrive in
// one POST /api/v1/events/batch (one transaction), through the service and over HTTP.
import { load, type LoadResult } from "./load.ts";

export const BATCH_SIZE = 1_000;

/** `size` reserve/release events of one unit, spread round-robin over `skus`, one order line per SKU and batch. */
export function reservationBatch(skus: string[], size: number, tag: string): Record<string, unknown>[] {
  return Array.from({ length: size }, (_, i) => {
    const sku = skus[i % skus.length];
    const round = Math.floor(i / skus.length);
    return { type: round % 2 === 0 ? "reserve" : "release", sku, qty: 1, location: "WH-EAST", channel: "web", orderLine: `SO-${tag}-${sku}` };
  });
}

export type BatchFigure = { batches: number; eventsPerSecond: number; p50: number; p95: number };

/**
 * Batches posted for `seconds` by `submit` (which resolves once the batch is
 * committed): one importer per SKU set, each sending its next batch once the last
 * one answered.
 */
export async function serviceBatches(seconds: number, submit: (events: Record<string, unknown>[], key: string) => Promise<void>, skuSets: string[][]): Promise<BatchFigure> {
  const latencies: number[] = [];
  const started = Date.now();
  const run = started.toString(36);
  await Promise.all(
    skuSets.map(async (skus, client) => {
      for (let i = 0; Date.now() < started + seconds * 1000; i++) {
        const t = process.hrtime.bigint();
        await submit(reservationBatch(skus, BATCH_SIZE, `SB${run}${client}-${i}`), `bench-batch-${run}-${client}-${i}`);
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { batches: latencies.length, eventsPerSecond: (latencies.length * BATCH_SIZE) / elapsed, p50: at(latencies, 0.5), p95: at(latencies, 0.95) };
}

/** The same batches through the HTTP route: one client per SKU set. */
export async function httpBatches(port: number, token: string, seconds: number, skuSets: string[][]): Promise<BatchFigure & { unexpected?: string }> {
  const run = Date.now().toString(36);
  const result: LoadResult & { unexpected?: string } = await load({
    port,
    clients: skuSets.length,
    seconds,
    expect: [201],
    next: (client, i) => ({
      method: "POST",
      path: "/api/v1/events/batch",
      headers: { authorization: `Bearer ${token}`, "idempotency-key": `bench-hbatch-${run}-${client}-${i}` },
      body: JSON.stringify({ events: reservationBatch(skuSets[client], BATCH_SIZE, `HB${run}${client}-${i}`) }),
    }),
  });
  return { batches: result.done, eventsPerSecond: result.perSecond * BATCH_SIZE, p50: result.p50, p95: result.p95, unexpected: result.unexpected };
}

function at(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

// npm run bench — prints, on this machine: events posted per second through the
// domain service at 1, 8 and 32 concurrent clients beside the raw PostgreSQL
// limit for an event-sized transaction, and the latency of a balance read on a
// SKU with 100,000 events, as of now and as of a year back.
import os from "node:os";
import { benchDatabase, seedCatalogue } from "../bench/fixture.ts";
import { rawThroughput } from "../bench/raw.ts";
import { writeHistory } from "../bench/history.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CLIENTS = [1, 8, 32];
const HISTORY_EVENTS = Number(process.env.BENCH_HISTORY_EVENTS ?? 100_000);

const db = await benchDatabase();
process.env.DATABASE_URL = db.url;
process.env.NEXTAUTH_SECRET ??= "bench-secret-bench-secret-bench-secret";
try {
  await seedCatalogue(db.url, 40);
  const { ledgerTransaction } = await import("../lib/server/ledger/service.ts");
  const { postEvent } = await import("../lib/server/ledger/post-event.ts");
  const { EventInputSchema } = await import("../lib/domain/event-input.ts");
  const { warehouseBalances } = await import("../lib/server/views/balances.ts");
  const { verifyProjection } = await import("../lib/server/ledger/replay.ts");
  const { demoUser } = await import("../prisma/demo-users.ts");
  const actor = (role: "sales" | "warehouse" | "finance") => ({ id: demoUser(role).id, role });
  const post = (role: "sales" | "warehouse" | "finance", body: Record<string, unknown>) =>
    ledgerTransaction((tx) => postEvent(tx, actor(role), EventInputSchema.parse(body)));

  // Every client works its own SKU, as real traffic spreads over a catalogue.
  for (let c = 0; c < Math.max(...CLIENTS); c++) {
    const sku = `B-${String(c + 1).padStart(4, "0")}`;
    const common = { sku, qty: 1_000_000, location: "WH-EAST" };
    await post("finance", { type: "po.confirm", ...common, reference: `PO-${c}`, unitCost: "2.00", eta: new Date().toISOString(), fob: "destination", supplier: "Bench" });
    await post("warehouse", { type: "receive", ...common, reference: `PO-${c}` });
    await post("warehouse", { type: "inspect", ...common, result: "pass" });
  }

  const rows: { clients: number; service: number; raw: number }[] = [];
  for (const clients of CLIENTS) {
    const raw = await rawThroughput(db.url, clients, SECONDS);
    const deadline = Date.now() + SECONDS * 1000;
    let posted = 0;
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        const sku = `B-${String(c + 1).padStart(4, "0")}`;
        for (let i = 0; Date.now() < deadline; i++) {
          const type = i % 2 === 0 ? "reserve" : "release";
          await post("sales", { type, sku, qty: 1, location: "WH-EAST", channel: "web", orderLine: `SO-${c}` });
          posted++;
        }
      }),
    );
    rows.push({ clients, service: posted / SECONDS, raw });
  }

  const started = Date.now();
  await writeHistory(db.url, "B-0040", HISTORY_EVENTS, 400);
  const { db: pooled, closePool } = await import("../lib/server/sql.ts");
  const mismatches = await verifyProjection(pooled);
  if (mismatches.length) throw new Error(`history projection differs from the replayed ledger: ${JSON.stringify(mismatches.slice(0, 3))}`);
  const historySeconds = (Date.now() - started) / 1000;

  const latency = async (asOf: Date | null) => {
    const samples: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t = process.hrtime.bigint();
      await warehouseBalances("B-0040", { asOf });
      samples.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    samples.sort((a, b) => a - b);
    return { p50: samples[150], p95: samples[285], max: samples[299] };
  };
  await latency(null); // warm the pool and the plan cache
  const now = await latency(null);
  const yearBack = await latency(new Date(Date.now() - 365 * 86_400_000));
  const yesterday = await latency(new Date(Date.now() - 86_400_000));

  const [version] = await pooled.query<{ v: string }>({ strings: ["SELECT current_setting('server_version') AS v"], values: [] });
  console.log(`\nConcord bench — ${os.cpus()[0]?.model ?? "cpu"} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${version.v} (fsync on), ${SECONDS} s per run\n`);
  console.log("Events posted per second (reserve/release through the domain service, one SKU per client)");
  console.log("clients   service ev/s   raw PostgreSQL tx/s   service / raw");
  for (const row of rows) {
    console.log(`${String(row.clients).padStart(7)}   ${row.service.toFixed(0).padStart(12)}   ${row.raw.toFixed(0).padStart(19)}   ${((row.service / row.raw) * 100).toFixed(0).padStart(12)}%`);
  }
  console.log(`\nBalance read (warehouse view) on a SKU with ${HISTORY_EVENTS.toLocaleString("en")} events over 400 days (written in ${historySeconds.toFixed(1)} s, projection verified against a replay)`);
  console.log("asOf              p50 ms   p95 ms   max ms");
  for (const [label, r] of [["now", now], ["yesterday", yesterday], ["a year back", yearBack]] as const) {
    console.log(`${label.padEnd(16)} ${r.p50.toFixed(2).padStart(7)}  ${r.p95.toFixed(2).padStart(7)}  ${r.max.toFixed(2).padStart(7)}`);
  }
  await closePool();
} finally {
  await db.stop();
}

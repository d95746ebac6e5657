// npm run bench — prints, on this machine, events posted per second (reserve/release)
// at 1, 8 and 32 concurrent clients: through the domain service, through the HTTP
// API of the production build (bearer token, Idempotency-Key; one SKU per client
// and one hot SKU), beside the same server's 401 floor and the raw PostgreSQL limit
// (one round trip per transaction); then the latency of a balance read on a SKU
// with 100,000 events, as of now and in the past; and a batch import (1,000 events
// in one POST /api/v1/events/batch) through the service and over HTTP; beside the HTTP and
// batch figures, the CPU the app server, PostgreSQL and this process spent on each answer
// (bench/cpu.ts). Everything on 127.0.0.1.
import os from "node:os";
import { benchDatabase, benchSku, seedCatalogue } from "../bench/fixture.ts";
import { rawClient, rawThroughput } from "../bench/raw.ts";
import { writeHistory } from "../bench/history.ts";
import { ensureBuild, startApp, type AppServer } from "../bench/app-server.ts";
import { load, type LoadResult } from "../bench/load.ts";
import { perRequest, type CpuShare } from "../bench/cpu.ts";
import { BATCH_SIZE, httpBatches, serviceBatches, type BatchFigure } from "../bench/batch.ts";
import { onShutdown, stopChildren } from "./lib/processes.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CLIENTS = [1, 8, 32];
const HISTORY_EVENTS = Number(process.env.BENCH_HISTORY_EVENTS ?? 100_000);
const HOT_SKU = benchSku(1);
const HISTORY_SKU = benchSku(40);
const say = (line: string) => console.log(`[bench] ${line}`);

type Measured = LoadResult & { cpu: CpuShare };
type Row = { clients: number; service: number; serviceHot: number; raw: number; http?: { floor: Measured; spread: Measured; hot: Measured } };

const db = await benchDatabase();
process.env.DATABASE_URL = db.url;
process.env.NEXTAUTH_SECRET ??= "bench-secret-bench-secret-bench-secret";
let app: AppServer | null = null;
onShutdown(async () => {
  await stopChildren("SIGTERM");
  await db.stop();
  process.exit(130);
});
try {
  await seedCatalogue(db.url, 40);
  const { ledgerTransaction, submitEvent } = await import("../lib/server/ledger/service.ts");
  const { postEvent } = await import("../lib/server/ledger/post-event.ts");
  const { EventInputSchema } = await import("../lib/domain/event-input.ts");
  const { warehouseBalances } = await import("../lib/server/views/balances.ts");
  const { verifyProjection } = await import("../lib/server/ledger/replay.ts");
  const { demoUser } = await import("../prisma/demo-users.ts");
  const actor = (role: "sales" | "warehouse" | "finance") => ({ id: demoUser(role).id, role, name: demoUser(role).name });
  const post = (role: "sales" | "warehouse" | "finance", body: Record<string, unknown>) =>
    ledgerTransaction((tx) => postEvent(tx, actor(role), EventInputSchema.parse(body)));
  const reservation = (sku: string, i: number, orderLine: string) =>
    ({ type: i % 2 === 0 ? "reserve" : "release", sku, qty: 1, location: "WH-EAST", channel: "web", orderLine });

  // Every client works its own SKU, as real traffic spreads over a catalogue (B-0001 doubles as the hot SKU).
  for (let c = 1; c <= Math.max(...CLIENTS); c++) {
    const common = { sku: benchSku(c), qty: 1_000_000, location: "WH-EAST" };
    await post("finance", { type: "po.confirm", ...common, reference: `PO-${c}`, unitCost: "2.00", eta: new Date().toISOString(), fob: "destination", supplier: "Bench" });
    await post("warehouse", { type: "receive", ...common, reference: `PO-${c}` });
    await post("warehouse", { type: "inspect", ...common, result: "pass" });
  }

  let httpSkipped: string | null = null;
  try {
    await ensureBuild(db.url, say);
    app = await startApp(db.appUrl);
  } catch (error) {
    httpSkipped = error instanceof Error ? error.message : String(error);
    say(`HTTP path skipped: ${httpSkipped}`);
  }
  const token = demoUser("sales").token;
  const http = async (clients: number): Promise<Row["http"]> => {
    if (!app) return undefined;
    const port = app.port;
    const run = `${clients}-${Date.now().toString(36)}`;
    const event = (sku: (c: number) => string, tag: string) => (c: number, i: number) => ({
      method: "POST" as const,
      path: "/api/v1/events",
      headers: { authorization: `Bearer ${token}`, "idempotency-key": `bench-${tag}-${run}-${c}-${i}` },
      body: JSON.stringify(reservation(sku(c), i, `SO-H${tag}-${c}`)),
    });
    // Warm the route and the pool, then the same server: unauthenticated, one SKU per client, one hot SKU;
    // each run with the CPU time the app server, PostgreSQL and the load generator spent per answer.
    await load({ port, clients, seconds: 1, expect: [201], next: event((c) => benchSku(c + 1), "w") });
    const parties = { app: app.pid, pg: db.postmasterPid() };
    const measured = (options: Omit<Parameters<typeof load>[0], "port" | "clients" | "seconds">) =>
      perRequest(parties, () => load({ port, clients, seconds: SECONDS, ...options }), (result) => result.done);
    const floor = await measured({ expect: [401], next: () => ({ method: "GET", path: "/api/v1/channels" }) });
    const spread = await measured({ expect: [201], next: event((c) => benchSku(c + 1), "s") });
    const hot = await measured({ expect: [201], next: event(() => HOT_SKU, "h") });
    for (const [label, result] of [["401 floor", floor], ["one SKU per client", spread], ["hot SKU", hot]] as const) {
      if (result.unexpected) say(`${clients} clients, ${label}: unexpected answers ${JSON.stringify(result.statuses)}, first: ${result.unexpected}`);
    }
    return { floor, spread, hot };
  };

  const rows: Row[] = [];
  for (const clients of CLIENTS) {
    say(`${clients} client(s)…`);
    const raw = await rawThroughput(db.appUrl, clients, SECONDS); // the way the app server connects
    // The service as the HTTP route and the screens call it: submitEvent, with an idempotency key, grouped commits.
    const submitted = async (sku: (c: number) => string, tag: string) => {
      const deadline = Date.now() + SECONDS * 1000;
      let posted = 0;
      await Promise.all(
        Array.from({ length: clients }, async (_, c) => {
          for (let i = 0; Date.now() < deadline; i++) {
            const body = reservation(sku(c), i, `SO-${tag}${clients}-${c}`);
            await submitEvent(actor("sales"), EventInputSchema.parse(body), `bench-svc-${tag}-${clients}-${c}-${i}`, body);
            posted++;
          }
        }),
      );
      return posted / SECONDS;
    };
    const service = await submitted((c) => benchSku(c + 1), "s");
    const serviceHot = await submitted(() => HOT_SKU, "h");
    rows.push({ clients, service, serviceHot, raw, http: await http(clients) });
  }

  // Batch import: 1,000 reserve/release events a request, over the 32 stocked SKUs or all on one;
  // then two and four importers at once, each over its own share of the SKUs.
  say("batches…");
  const { submitBatch } = await import("../lib/server/ledger/batch/submit.ts");
  const { parseBatch } = await import("../lib/server/ledger/batch/parse.ts");
  const spreadSkus = Array.from({ length: Math.max(...CLIENTS) }, (_, i) => benchSku(i + 1));
  const submit = async (events: Record<string, unknown>[], key: string) => {
    const body = { events };
    await submitBatch(actor("sales"), parseBatch(body), key, body);
  };
  const half = spreadSkus.length / 2;
  const shapes: [string, string[][]][] = [
    [`${spreadSkus.length} SKUs`, [spreadSkus]],
    ["one SKU", [[HOT_SKU]]],
    [`2 × ${half} SKUs at once`, [spreadSkus.slice(0, half), spreadSkus.slice(half)]],
    [`4 × ${half / 2} SKUs at once`, [0, 1, 2, 3].map((q) => spreadSkus.slice((q * half) / 2, ((q + 1) * half) / 2))],
  ];
  // With the CPU each party spent per batch: the service runs in this process, HTTP batches in the app server.
  const batches: [string, (BatchFigure & { cpu: CpuShare }) | undefined][] = [];
  const perBatch = <F extends BatchFigure>(app: number | null, work: () => Promise<F>) => perRequest({ app, pg: db.postmasterPid() }, work, (figure) => figure.batches);
  // Each path is warmed for three seconds first: the batch code is compiled on its first use
  // (and the app server's was last compiled for single events), which would otherwise fall on
  // whichever shape is timed first.
  await serviceBatches(3, submit, [spreadSkus]);
  for (const [label, skuSets] of shapes) batches.push([`service, ${label}`, await perBatch(null, () => serviceBatches(SECONDS, submit, skuSets))]);
  if (app) {
    const server = app;
    await httpBatches(server.port, token, 3, [spreadSkus]);
    for (const [label, skuSets] of shapes) {
      const figure = await perBatch(server.pid, () => httpBatches(server.port, token, SECONDS, skuSets));
      if (figure.unexpected) say(`${label}: unexpected answer, first: ${figure.unexpected}`);
      batches.push([`HTTP, ${label}`, figure]);
    }
  }
  await app?.stop();
  app = null;

  const started = Date.now();
  await writeHistory(db.url, HISTORY_SKU, HISTORY_EVENTS, 400);
  const { db: pooled } = await import("../lib/server/sql.ts");
  const mismatches = await verifyProjection(pooled);
  if (mismatches.length) throw new Error(`history projection differs from the replayed ledger: ${JSON.stringify(mismatches.slice(0, 3))}`);
  const historySeconds = (Date.now() - started) / 1000;

  const latency = async (asOf: Date | null) => {
    const samples: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t = process.hrtime.bigint();
      await warehouseBalances(HISTORY_SKU, { asOf });
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
  const rawBy = await rawClient();
  const n = (value: number | undefined, width: number) => (value === undefined ? "–" : value.toFixed(0)).padStart(width);
  const pct = (part: number | undefined, whole: number | undefined, width: number) =>
    (part === undefined || !whole ? "–" : `${((part / whole) * 100).toFixed(0)}%`).padStart(width);
  console.log(`\nConcord bench — ${os.cpus()[0]?.model ?? "cpu"} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${version.v} (fsync on), ${SECONDS} s per run\n`);
  console.log("Events posted per second (reserve/release of 1 unit)");
  console.log("  service:   the domain service called in-process (submitEvent: idempotency key, grouped commits), one SKU per client or one hot SKU");
  console.log("  HTTP:      POST /api/v1/events on `next start` (production build), bearer token + Idempotency-Key; one SKU per client, or all on one hot SKU");
  console.log("  401 floor: the same server answering an unauthenticated GET /api/v1/channels");
  console.log(`  raw PG:    an insert and two updates in one transaction, one round trip each (${rawBy})`);
  if (httpSkipped) console.log(`  (HTTP path skipped: ${httpSkipped.split("\n")[0]})`);
  console.log("clients   service/SKU   service hot   HTTP/SKU   HTTP hot   401 floor   raw PG tx/s   HTTP/SKU ÷ floor   HTTP hot ÷ floor");
  for (const row of rows) {
    console.log(
      `${String(row.clients).padStart(7)}   ${n(row.service, 11)}   ${n(row.serviceHot, 11)}   ${n(row.http?.spread.perSecond, 8)}   ${n(row.http?.hot.perSecond, 8)}   ${n(row.http?.floor.perSecond, 9)}   ${n(row.raw, 11)}   ${pct(row.http?.spread.perSecond, row.http?.floor.perSecond, 16)}   ${pct(row.http?.hot.perSecond, row.http?.floor.perSecond, 16)}`,
    );
  }
  if (rows.some((row) => row.http)) {
    console.log("\nHTTP latency, ms (p50 / p95)");
    console.log("clients   HTTP/SKU        HTTP hot        401 floor");
    const lat = (r: LoadResult | undefined) => (r ? `${r.p50.toFixed(1)} / ${r.p95.toFixed(1)}` : "–").padEnd(16);
    for (const row of rows) console.log(`${String(row.clients).padStart(7)}   ${lat(row.http?.spread)}${lat(row.http?.hot)}${lat(row.http?.floor)}`);
    console.log("\nCPU per answer, ms: app server (next start and its workers) / PostgreSQL (every backend) / load generator, from /proc");
    console.log("clients   HTTP/SKU             HTTP hot             401 floor");
    const ms = (value: number | null) => (value === null ? "–" : value.toFixed(2));
    const cpu = (r: Measured | undefined) => (r ? `${ms(r.cpu.app)} / ${ms(r.cpu.pg)} / ${ms(r.cpu.load)}` : "–").padEnd(21);
    for (const row of rows) console.log(`${String(row.clients).padStart(7)}   ${cpu(row.http?.spread)}${cpu(row.http?.hot)}${cpu(row.http?.floor)}`);
  }
  console.log(`\nBatch import: ${BATCH_SIZE.toLocaleString("en")} reserve/release events per request, one transaction each; each importer sends its next batch once the last answered`);
  console.log("CPU ms per batch: the app server's (HTTP), PostgreSQL's, and the bench process's (the service itself, or the load generator)");
  console.log("path                               events/s   batches   p50 ms   p95 ms   CPU app / PG / bench");
  const cpuMs = (value: number | null) => (value === null ? "–" : value.toFixed(0));
  for (const [label, figure] of batches) {
    if (figure) {
      const cpu = `${cpuMs(figure.cpu.app)} / ${cpuMs(figure.cpu.pg)} / ${cpuMs(figure.cpu.load)}`;
      console.log(`${label.padEnd(33)} ${n(figure.eventsPerSecond, 9)}   ${n(figure.batches, 7)}  ${figure.p50.toFixed(0).padStart(7)}  ${figure.p95.toFixed(0).padStart(7)}   ${cpu}`);
    }
  }
  console.log(`\nBalance read (warehouse view) on a SKU with ${HISTORY_EVENTS.toLocaleString("en")} events over 400 days (written in ${historySeconds.toFixed(1)} s, projection verified against a replay)`);
  console.log("asOf              p50 ms   p95 ms   max ms");
  for (const [label, r] of [["now", now], ["yesterday", yesterday], ["a year back", yearBack]] as const) {
    console.log(`${label.padEnd(16)} ${r.p50.toFixed(2).padStart(7)}  ${r.p95.toFixed(2).padStart(7)}  ${r.max.toFixed(2).padStart(7)}`);
  }
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await app?.stop();
  const { closePool } = await import("../lib/server/sql.ts");
  await closePool();
  await db.stop();
}

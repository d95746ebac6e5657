// The screens bench's database: 100× the demo, seeded once and kept. A persistent
// embedded cluster under .bench/screens-pg holds one database per data version;
// a run whose version is already complete reuses it (applying any new migration),
// otherwise it is seeded again from scratch. Every unit movement is posted through
// the ledger's own service: the bulk SKUs by submitBatch, the 40 demo SKUs by the
// demo history (which then closes the ended months over every SKU).
import path from "node:path";
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import pg from "pg";
import { startEmbeddedPostgres } from "../../scripts/lib/embedded-db.ts";
import { migrate } from "../../scripts/lib/migrate.ts";
import { createDatabase, dropDatabase } from "../../scripts/lib/processes.ts";
import { ROOT } from "../../scripts/lib/target-db.ts";
import { seed } from "../../prisma/seed.ts";
import { extraSku, skuHistory, steps } from "./history.ts";

/** Bump when the generated business changes: a cached database of another version is seeded again. */
const DATA_VERSION = 1;
export const BENCH_DIR = path.join(ROOT, ".bench");
const CLUSTER_DIR = path.join(BENCH_DIR, "screens-pg");
/** SKUs per batch round: each round posts one step of every SKU in the chunk. */
const CHUNK = 150;
const WORKERS = 2;

export type ScreensDatabase = { url: string; skus: string[]; reused: boolean; stop: () => Promise<void> };
type Marker = { version: number; extraSkus: number; events: number; seededAt: string };

export async function screensDatabase(options: { extraSkus: number; reseed: boolean; log: (line: string) => void }): Promise<ScreensDatabase> {
  mkdirSync(BENCH_DIR, { recursive: true });
  const server = await startEmbeddedPostgres({ dir: CLUSTER_DIR, persistent: true, fsync: false, database: "postgres", log: options.log });
  try {
    return { ...(await prepare(server.url, options)), stop: () => server.stop() };
  } catch (error) {
    // A failed seed leaves no cluster behind (a cluster another run started is left running).
    await server.stop().catch(() => {});
    throw error;
  }
}

async function prepare(serverUrl: string, options: { extraSkus: number; reseed: boolean; log: (line: string) => void }): Promise<Omit<ScreensDatabase, "stop">> {
  const { log } = options;
  const key = createHash("sha1").update(`${DATA_VERSION}:${options.extraSkus}`).digest("hex").slice(0, 8);
  const name = `concord_screens_${key}`;
  const markerFile = path.join(BENCH_DIR, `${name}.json`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const done = existsSync(markerFile) && !options.reseed ? (JSON.parse(readFileSync(markerFile, "utf8")) as Marker) : null;
  let reused = false;
  if (done) {
    log(`reusing ${name}: ${done.events.toLocaleString("en")} events seeded ${done.seededAt}`);
    const applied = await migrate(url.toString());
    if (applied.length) log(`applied ${applied.join(", ")}`);
    reused = true;
  } else {
    rmSync(markerFile, { force: true });
    await dropDatabase(serverUrl, name);
    await createDatabase(serverUrl, name);
    await migrate(url.toString());
    const events = await seedScreens(url.toString(), options.extraSkus, log);
    const marker: Marker = { version: DATA_VERSION, extraSkus: options.extraSkus, events, seededAt: new Date().toISOString() };
    writeFileSync(markerFile, JSON.stringify(marker, null, 2));
  }
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const skus = (await client.query<{ code: string }>("SELECT code FROM sku ORDER BY code")).rows.map((row) => row.code);
  // Fresh statistics: the planner's estimates for the big tables decide the plans measured.
  await client.query("ANALYZE");
  await client.end();
  return { url: url.toString(), skus, reused };
}

async function seedScreens(url: string, extraSkus: number, log: (line: string) => void): Promise<number> {
  const began = Date.now();
  await seed(url, () => {}, { history: false });
  await writeCatalogue(url, extraSkus);
  log(`catalogue: ${extraSkus.toLocaleString("en")} extra SKUs with policies`);

  // The ledger's pool reads DATABASE_URL.
  process.env.DATABASE_URL = url;
  const { submitBatch } = await import("../../lib/server/ledger/batch/submit.ts");
  const { parseBatch } = await import("../../lib/server/ledger/batch/parse.ts");
  const { demoUser } = await import("../../prisma/demo-users.ts");
  const end = Date.now() - 60 * 60_000;
  const numbers = Array.from({ length: extraSkus }, (_, i) => i + 1);
  const planned = numbers.reduce((sum, n) => sum + skuHistory(n, end).length, 0);
  log(`posting ${planned.toLocaleString("en")} events for ${extraSkus.toLocaleString("en")} SKUs through submitBatch…`);

  let posted = 0;
  let lastReport = 0;
  const chunks: number[][] = [];
  for (let i = 0; i < numbers.length; i += CHUNK) chunks.push(numbers.slice(i, i + CHUNK));
  const postChunk = async (chunk: number[]) => {
    const queues = chunk.map((n) => steps(skuHistory(n, end)));
    for (let round = 0; queues.some((queue) => round < queue.length); round++) {
      for (const role of ["finance", "warehouse", "sales"] as const) {
        const events = queues.flatMap((queue) => (queue[round]?.role === role ? queue[round].events : []));
        for (let i = 0; i < events.length; i += 1000) {
          const body = { events: events.slice(i, i + 1000) };
          const user = demoUser(role);
          await submitBatch({ id: user.id, role }, parseBatch(body), randomUUID(), body);
          posted += body.events.length;
        }
      }
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        const rate = posted / ((Date.now() - began) / 1000);
        log(`  ${posted.toLocaleString("en")} / ${planned.toLocaleString("en")} events (${rate.toFixed(0)}/s, about ${Math.ceil((planned - posted) / rate / 60)} min left)`);
      }
    }
  };
  let next = 0;
  await Promise.all(Array.from({ length: WORKERS }, async () => {
    while (next < chunks.length) await postChunk(chunks[next++]);
  }));
  log(`posted ${posted.toLocaleString("en")} events in ${((Date.now() - began) / 1000).toFixed(0)} s`);

  // The demo's own 90 days for its 40 SKUs, closing each ended month over all 4,000.
  const { seedHistory } = await import("../../prisma/demo-history.ts");
  const summary = await seedHistory(url, (line) => log(`demo: ${line}`));
  const { closePool } = await import("../../lib/server/sql.ts");
  await closePool();
  return posted + summary.calls;
}

/** The extra SKUs and their per-location policies, plus a wholesale fence on every fifth: master data, set directly as the demo's is. */
async function writeCatalogue(url: string, extraSkus: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const skus = Array.from({ length: extraSkus }, (_, i) => extraSku(i + 1));
    await client.query(
      `INSERT INTO sku (code, name, category, costing_method, standard_cost)
       SELECT s.code, s.name, s.category, s.method::"CostingMethod", s.standard::numeric
         FROM jsonb_to_recordset($1::jsonb) AS s(code text, name text, category text, method text, standard text)`,
      [JSON.stringify(skus.map((sku) => ({ code: sku.code, name: sku.name, category: sku.category, method: sku.costingMethod, standard: sku.standardCost })))],
    );
    await client.query(
      `INSERT INTO sku_policy (sku_id, location_id, safety_stock, inspection_lead_days, write_off_value, count_variance_units)
       SELECT s.id, l.id, 5, 1, 500, 3 FROM sku s CROSS JOIN location l WHERE s.code LIKE 'S-%'`,
    );
    await client.query(
      `INSERT INTO channel_allocation (sku_id, location_id, channel_id, qty)
       SELECT s.id, l.id, c.id, 10 FROM sku s, location l, channel c
        WHERE s.code LIKE 'S-%' AND substr(s.code, 3)::int % 5 = 0 AND l.code = 'WH-EAST' AND c.code = 'wholesale'`,
    );
  } finally {
    await client.end();
  }
}

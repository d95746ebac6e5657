// The machine's raw PostgreSQL limit for one event-sized transaction: an insert and
// two balance updates, committed, from `clients` connections in parallel, in ONE
// round trip per transaction (BEGIN … COMMIT sent as a single compound query).
// pgbench (a C client that costs the shared cores almost nothing) when it is
// installed, else the same compound query from Node.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const execFileAsync = promisify(execFile);

const statements = (sku: string) => [
  "BEGIN",
  `INSERT INTO bench_raw_event (sku, qty, data) VALUES (${sku}, 1, '{}')`,
  `UPDATE bench_raw_balance SET qty = qty - 1 WHERE sku = ${sku} AND state = 'A'`,
  `UPDATE bench_raw_balance SET qty = qty + 1 WHERE sku = ${sku} AND state = 'B'`,
  "COMMIT",
];

export async function prepareRaw(url: string, clients: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`
    CREATE TABLE IF NOT EXISTS bench_raw_event (id bigserial PRIMARY KEY, sku int NOT NULL, qty int NOT NULL, at timestamptz NOT NULL DEFAULT now(), data jsonb NOT NULL);
    CREATE TABLE IF NOT EXISTS bench_raw_balance (sku int, state text, qty int NOT NULL, PRIMARY KEY (sku, state));`);
  await client.query(
    "INSERT INTO bench_raw_balance SELECT c, s, 1000000000 FROM generate_series(0, $1) c, unnest(ARRAY['A','B']) s ON CONFLICT DO NOTHING",
    [clients],
  );
  await client.end();
}

async function pgbenchVersion(): Promise<string | null> {
  try {
    return (await execFileAsync("pgbench", ["--version"])).stdout.trim();
  } catch {
    return null;
  }
}

/** Which client measures the raw limit here. */
export async function rawClient(): Promise<string> {
  const version = await pgbenchVersion();
  return version ? `pgbench ${version.replace(/^pgbench \(PostgreSQL\) /, "").split(" ")[0]}` : "node-postgres";
}

async function withPgbench(url: string, clients: number, seconds: number): Promise<number> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "concord-raw-"));
  try {
    const script = path.join(dir, "event.sql");
    // `\;` joins the statements into one compound query: one round trip (simple protocol).
    writeFileSync(script, `${statements(":client_id").join(" \\; ")}\n`);
    const target = new URL(url);
    const { stdout } = await execFileAsync(
      "pgbench",
      ["-n", "-M", "simple", "-c", String(clients), "-j", String(Math.min(clients, os.cpus().length)), "-T", String(seconds), "-f", script,
        // A `host` parameter (a socket directory) is the way in, as node-postgres reads it.
        "-h", target.searchParams.get("host") ?? target.hostname, "-p", target.port, "-U", decodeURIComponent(target.username), target.pathname.slice(1)],
      { env: { ...process.env, PGPASSWORD: decodeURIComponent(target.password) } },
    );
    const tps = /tps = ([0-9.]+) \(without initial connection time\)/.exec(stdout);
    if (!tps) throw new Error(`pgbench printed no tps:\n${stdout}`);
    return Number(tps[1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function withNode(url: string, clients: number, seconds: number): Promise<number> {
  const deadline = Date.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const compound = statements(String(c)).join("; ");
      while (Date.now() < deadline) {
        await client.query(compound);
        done++;
      }
      await client.end();
    }),
  );
  return done / seconds;
}

export async function rawThroughput(url: string, clients: number, seconds: number): Promise<number> {
  await prepareRaw(url, clients);
  return (await pgbenchVersion()) ? withPgbench(url, clients, seconds) : withNode(url, clients, seconds);
}

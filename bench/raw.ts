// The machine's raw PostgreSQL limit for one event-sized transaction: an insert
// and two balance updates, committed, from `clients` connections in parallel.
import pg from "pg";

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

export async function rawThroughput(url: string, clients: number, seconds: number): Promise<number> {
  await prepareRaw(url, clients);
  const deadline = Date.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      while (Date.now() < deadline) {
        await client.query("BEGIN");
        await client.query("INSERT INTO bench_raw_event (sku, qty, data) VALUES ($1, 1, '{}')", [c]);
        await client.query("UPDATE bench_raw_balance SET qty = qty - 1 WHERE sku = $1 AND state = 'A'", [c]);
        await client.query("UPDATE bench_raw_balance SET qty = qty + 1 WHERE sku = $1 AND state = 'B'", [c]);
        await client.query("COMMIT");
        done++;
      }
      await client.end();
    }),
  );
  return done / seconds;
}

// The chaos run's database: migrated, with the demo users, their tokens and the
// demo catalogue, plus one SKU per client and a shared hot SKU, each stocked in
// several bins so that a reservation larger than one bin posts a group of legs.
import pg from "pg";
import { migrate } from "../migrate.ts";
import { createDatabase } from "../processes.ts";
import { withDatabase } from "../target-db.ts";
import { seed } from "../../../prisma/seed.ts";

export const LOCATION = "WH-EAST";
export const CHANNEL = "web";
export const BINS = ["A-01", "A-02", "A-03", "B-01", "B-02"];
export const UNITS_PER_BIN = 200;
export const HOT_SKU = "CHAOS-HOT";
export const clientSku = (client: number) => `CHAOS-${String(client + 1).padStart(2, "0")}`;

/** Creates `name` on the server, then migrates, seeds and stocks it; returns its URL. */
export async function chaosDatabase(serverUrl: string, name: string, clients: number): Promise<string> {
  await createDatabase(serverUrl, name);
  const url = withDatabase(serverUrl, name);
  await migrate(url);
  await seed(url, () => {}, { history: false });
  const skus = [...Array.from({ length: clients }, (_, c) => clientSku(c)), HOT_SKU];
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("INSERT INTO sku (code, name, costing_method) SELECT code, 'Chaos ' || code, 'fifo' FROM unnest($1::text[]) code", [skus]);
  } finally {
    await client.end();
  }
  await stock(url, skus);
  return url;
}

/** Each SKU: one PO, received and passed inspection bin by bin, through the domain service. */
async function stock(url: string, skus: string[]) {
  process.env.DATABASE_URL = url;
  const { ledgerTransaction } = await import("../../../lib/server/ledger/service.ts");
  const { postEvent } = await import("../../../lib/server/ledger/post-event.ts");
  const { EventInputSchema } = await import("../../../lib/domain/event-input.ts");
  const { closePool } = await import("../../../lib/server/sql.ts");
  const { demoUser } = await import("../../../prisma/demo-users.ts");
  const post = (role: "warehouse" | "finance", body: Record<string, unknown>) => {
    const user = demoUser(role);
    return ledgerTransaction((tx) => postEvent(tx, { id: user.id, role }, EventInputSchema.parse(body)));
  };
  try {
    for (const sku of skus) {
      const reference = `PO-${sku}`;
      const total = UNITS_PER_BIN * BINS.length;
      await post("finance", { type: "po.confirm", sku, qty: total, location: LOCATION, reference, unitCost: "2.00", eta: new Date().toISOString(), fob: "destination", supplier: "Chaos" });
      for (const bin of BINS) {
        await post("warehouse", { type: "receive", sku, qty: UNITS_PER_BIN, location: LOCATION, reference, bin });
        await post("warehouse", { type: "inspect", sku, qty: UNITS_PER_BIN, location: LOCATION, result: "pass", bin });
      }
    }
  } finally {
    // The clients post over HTTP from here on; this pool would only see the crashes.
    await closePool();
  }
}

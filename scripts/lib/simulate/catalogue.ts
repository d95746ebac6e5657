// The simulated company's master data: the demo's people, locations, bins and
// channels (prisma/), and a catalogue of N SKUs across the three costing methods,
// each with stock policies per location (safety stock, inspection lead days, a
// write-off threshold and a count tolerance, so some write-offs and counts need a
// second person) and channel fences at the East warehouse for some. Master data is
// written directly, as an admin would set it; every unit movement is an event.
import pg from "pg";
import { DEMO_CHANNEL_LOCATIONS, DEMO_CHANNELS, DEMO_LOCATIONS } from "../../../prisma/catalogue.ts";
import { DEMO_USERS } from "../../../prisma/demo-users.ts";
import { BINS, EAST, LOCATIONS, STORE, SUPPLIERS, WEST, type Loc, type SupplierKey } from "../../../prisma/demo-history/cast.ts";
import { Random } from "../../../prisma/demo-history/random.ts";

export type Method = "fifo" | "average" | "standard";

export type LocationPolicy = {
  safetyStock: number;
  inspectionLeadDays: number;
  /** Below this value a finance user's own write-off posts at once. */
  writeOffValue: string;
  countVarianceUnits: number;
  fences: Record<string, number>;
};

export type SimSku = {
  index: number;
  code: string;
  method: Method;
  baseCost: number;
  standardCost: string | null;
  supplier: SupplierKey;
  altSupplier: SupplierKey;
  wholesale: boolean;
  store: boolean;
  homeBin: Record<Loc, string>;
  /** The West warehouse buys its own (import suppliers reach it) or is stocked by transfers from the East. */
  westBy: "po" | "transfer";
  policy: Record<Loc, LocationPolicy>;
};

const METHODS: Method[] = ["fifo", "average", "standard"];
const SUPPLIER_KEYS = Object.keys(SUPPLIERS) as SupplierKey[];

export const skuCode = (index: number) => `SIM-${String(index + 1).padStart(5, "0")}`;

export function planSkus(count: number, seed: number): SimSku[] {
  const rng = new Random(seed ^ 0x5eed);
  return Array.from({ length: count }, (_, index) => {
    const method = METHODS[index % METHODS.length];
    const baseCost = Math.round(rng.between(4, 240) * 100) / 100;
    const supplier = SUPPLIER_KEYS[index % SUPPLIER_KEYS.length];
    const altSupplier = SUPPLIER_KEYS[(index + 2) % SUPPLIER_KEYS.length];
    const fenced = index % 4 === 0;
    const policy = {} as Record<Loc, LocationPolicy>;
    for (const location of LOCATIONS) {
      policy[location] = {
        safetyStock: location === EAST ? rng.int(2, 6) : location === WEST ? rng.int(1, 4) : 1,
        inspectionLeadDays: location === STORE ? 1 : rng.int(1, 2),
        writeOffValue: (baseCost * 2.5).toFixed(2),
        countVarianceUnits: 2,
        fences: location === EAST && fenced ? { wholesale: 4, marketplace: 2 } : {},
      };
    }
    return {
      index,
      code: skuCode(index),
      method,
      baseCost,
      standardCost: method === "standard" ? (baseCost * 1.02).toFixed(2) : null,
      supplier,
      altSupplier,
      wholesale: index % 3 !== 2,
      store: index % 5 < 2,
      homeBin: {
        [EAST]: BINS[EAST][index % BINS[EAST].length],
        [WEST]: BINS[WEST][index % BINS[WEST].length],
        [STORE]: BINS[STORE][index % BINS[STORE].length],
      },
      westBy: SUPPLIERS[supplier].servesWest ? "po" : "transfer",
      policy,
    };
  });
}

/** Expects a migrated database with no users, locations or SKUs yet. */
export async function seedCatalogue(url: string, skus: readonly SimSku[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    // People, as in the demo, but with no password anyone could sign in with ('!' is no argon2 hash).
    await client.query(
      `INSERT INTO app_user (id, email, name, role, kind, password_hash)
       SELECT u.id, u.email, u.name, u.role::"Role", 'human', '!' FROM jsonb_to_recordset($1::jsonb) AS u(id uuid, email text, name text, role text)`,
      [JSON.stringify(DEMO_USERS.map(({ id, email, name, role }) => ({ id, email, name, role })))],
    );
    for (const location of DEMO_LOCATIONS) {
      const { rows } = await client.query<{ id: string }>(`INSERT INTO location (code, name, kind) VALUES ($1, $2, $3) RETURNING id`, [location.code, location.name, location.kind]);
      await client.query(`INSERT INTO bin (location_id, code) SELECT $1, unnest($2::text[])`, [rows[0].id, location.bins]);
    }
    for (const channel of DEMO_CHANNELS) await client.query(`INSERT INTO channel (code, name) VALUES ($1, $2)`, [channel.code, channel.name]);
    for (const [channel, locations] of Object.entries(DEMO_CHANNEL_LOCATIONS)) {
      await client.query(
        `INSERT INTO channel_location (channel_id, location_id) SELECT c.id, l.id FROM channel c, location l WHERE c.code = $1 AND l.code = ANY($2::text[])`,
        [channel, locations],
      );
    }
    await client.query(
      `INSERT INTO sku (code, name, category, costing_method, standard_cost)
       SELECT s.code, 'Simulated item ' || s.code, s.method, s.method::"CostingMethod", s.standard_cost::numeric
         FROM jsonb_to_recordset($1::jsonb) AS s(code text, method text, standard_cost text)`,
      [JSON.stringify(skus.map((sku) => ({ code: sku.code, method: sku.method, standard_cost: sku.standardCost })))],
    );
    const policies = skus.flatMap((sku) => LOCATIONS.map((location) => ({ sku: sku.code, location, ...sku.policy[location] })));
    await client.query(
      `INSERT INTO sku_policy (sku_id, location_id, safety_stock, inspection_lead_days, write_off_value, count_variance_units)
       SELECT s.id, l.id, p."safetyStock", p."inspectionLeadDays", p."writeOffValue"::numeric, p."countVarianceUnits"
         FROM jsonb_to_recordset($1::jsonb) AS p(sku text, location text, "safetyStock" int, "inspectionLeadDays" int, "writeOffValue" text, "countVarianceUnits" int)
         JOIN sku s ON s.code = p.sku JOIN location l ON l.code = p.location`,
      [JSON.stringify(policies)],
    );
    const fences = policies.flatMap((p) => Object.entries(p.fences).map(([channel, qty]) => ({ sku: p.sku, location: p.location, channel, qty })));
    await client.query(
      `INSERT INTO channel_allocation (sku_id, location_id, channel_id, qty)
       SELECT s.id, l.id, c.id, f.qty FROM jsonb_to_recordset($1::jsonb) AS f(sku text, location text, channel text, qty int)
         JOIN sku s ON s.code = f.sku JOIN location l ON l.code = f.location JOIN channel c ON c.code = f.channel`,
      [JSON.stringify(fences)],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

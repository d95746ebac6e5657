// A fresh database with the simulation's catalogue, the pool pointed at it, and the
// server modules loaded; one per test file (the pool and env are per process).
import { afterAll, beforeAll } from "vitest";
import { freshDatabase, type FreshDatabase } from "../helpers/fresh-db.ts";
import { planSkus, seedCatalogue, type SimSku } from "../../scripts/lib/simulate/catalogue.ts";
import { loadServer, type Server } from "../../scripts/lib/simulate/server.ts";

export type SimFixture = { db: FreshDatabase; skus: SimSku[]; server: Server };

export function simFixture(skuCount: number, seed: number): { readonly current: SimFixture } {
  let fixture: SimFixture | null = null;
  beforeAll(async () => {
    const db = await freshDatabase();
    process.env.DATABASE_URL = db.url;
    process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-42";
    const skus = planSkus(skuCount, seed);
    await seedCatalogue(db.url, skus);
    fixture = { db, skus, server: await loadServer() };
  });
  afterAll(async () => {
    await fixture?.server.closePool();
    await fixture?.db.drop();
  });
  return {
    get current() {
      if (!fixture) throw new Error("the simulation fixture is not ready");
      return fixture;
    },
  };
}

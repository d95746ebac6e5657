// A fresh database holding the demo's seed (catalogue, users and 90 days of history),
// for tests that read the demo back; the pool points at it until the file ends.
import { afterAll, beforeAll } from "vitest";
import { freshDatabase, type FreshDatabase } from "./fresh-db.ts";

export function seededDemo(): { readonly db: FreshDatabase } {
  let db: FreshDatabase;
  beforeAll(async () => {
    db = await freshDatabase();
    process.env.DATABASE_URL = db.url;
    process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-42";
    const { seed } = await import("../../prisma/seed.ts");
    await seed(db.url, () => {});
  }, 600_000);
  afterAll(async () => {
    const { closePool } = await import("../../lib/server/sql.ts");
    await closePool();
    await db?.drop();
  });
  return {
    get db() {
      return db;
    },
  };
}

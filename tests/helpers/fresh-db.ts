// A database of one's own for an integration test: copied from the migrated
// template built in tests/setup/global-db.ts (fast), or empty for migration tests.
import { inject } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { withDatabase } from "../../scripts/lib/target-db.ts";
import { createDatabase, dropDatabase, uniqueName } from "../../scripts/lib/processes.ts";

export type FreshDatabase = {
  name: string;
  url: string;
  prisma: PrismaClient;
  drop: () => Promise<void>;
};

/** The migrated database of this test run (TEST_DATABASE_URL), shared by every test file. */
export function testDatabaseUrl(): string {
  return inject("testDatabaseUrl");
}

async function create(server: string, name: string, template: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await createDatabase(server, name, template);
    } catch (error) {
      // 55006: another CREATE DATABASE is copying the same template right now.
      const busy = (error as { code?: string }).code === "55006";
      if (!busy || attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

/** `{ migrated: false }` gives an empty database (from template0) for testing the migrations themselves. */
export async function freshDatabase(options: { migrated?: boolean } = {}): Promise<FreshDatabase> {
  const server = testDatabaseUrl();
  const name = uniqueName("concord_t");
  await create(server, name, options.migrated === false ? "template0" : inject("templateDatabase"));
  const url = withDatabase(server, name);
  // UTC sessions, as the app's pool (lib/server/sql.ts): Prisma reads timestamptz as UTC.
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, options: "-c TimeZone=UTC" }) });
  return {
    name,
    url,
    prisma,
    drop: async () => {
      await prisma.$disconnect();
      await dropDatabase(server, name);
    },
  };
}

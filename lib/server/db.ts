import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

const globalForPrisma = globalThis as unknown as { concordPrisma?: { url: string; client: PrismaClient } };

function createClient(url: string) {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 20 }) });
}

/** One client per process and database; dev hot reloads reuse it instead of opening new pools. */
function client(): PrismaClient {
  const url = env().DATABASE_URL;
  const cached = globalForPrisma.concordPrisma;
  if (cached?.url === url) return cached.client;
  const created = createClient(url);
  globalForPrisma.concordPrisma = { url, client: created };
  return created;
}

export const prisma: PrismaClient = client();

export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

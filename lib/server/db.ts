import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { pool } from "@/lib/server/sql";

const globalForPrisma = globalThis as unknown as { concordPrisma?: { url: string; client: PrismaClient } };

/** One client per process and database, on the shared pool; dev hot reloads reuse it. */
function client(): PrismaClient {
  const url = env().DATABASE_URL;
  const cached = globalForPrisma.concordPrisma;
  if (cached?.url === url) return cached.client;
  const created = new PrismaClient({ adapter: new PrismaPg(pool()) });
  globalForPrisma.concordPrisma = { url, client: created };
  return created;
}

export const prisma: PrismaClient = client();

export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

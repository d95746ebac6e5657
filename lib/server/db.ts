import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

const globalForPrisma = globalThis as unknown as { concordPrisma?: PrismaClient };

function createClient() {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: env().DATABASE_URL, max: 20 }) });
}

/** One client per process; dev hot reloads reuse it instead of opening new pools. */
export const prisma: PrismaClient = globalForPrisma.concordPrisma ?? createClient();
if (process.env.NODE_ENV !== "production") globalForPrisma.concordPrisma = prisma;

export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

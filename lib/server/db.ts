import "server-only";
import type pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { readUrl } from "@/lib/server/read-replica";
import { routeRead } from "@/lib/server/read-route";
import { pool } from "@/lib/server/sql";

const globalForPrisma = globalThis as unknown as { concordPrisma?: { url: string; client: PrismaClient } };

/**
 * The shared pool as Prisma sees it. With DATABASE_READ_URL set, a query Prisma
 * sends outside a transaction is routed like `db` (lib/server/read-route.ts): a
 * plain read may go to the replica. Transactions (`connect()`) stay on the primary.
 */
function routed(primary: pg.Pool): pg.Pool {
  if (!readUrl()) return primary;
  return new Proxy(primary, {
    get(target, property) {
      if (property === "query") {
        return (config: pg.QueryConfig) => routeRead(config.text, target, (side) => side.query(config));
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** One client per process and database, on the shared pool; dev hot reloads reuse it. */
function client(): PrismaClient {
  const url = env().DATABASE_URL;
  const cached = globalForPrisma.concordPrisma;
  if (cached?.url === url) return cached.client;
  const created = new PrismaClient({ adapter: new PrismaPg(routed(pool())) });
  globalForPrisma.concordPrisma = { url, client: created };
  return created;
}

export const prisma: PrismaClient = client();

export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;
